package dev.bpfsign.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.cli.BpfSign;
import java.io.PrintWriter;
import java.io.StringWriter;

/** bpfsign run in-process on the build host, to prepare what the guest gets (loaders, signatures). */
final class Host {
  private Host() {}

  static String bpfsign(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BpfSign.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(code).as("bpfsign %s: %s%s", String.join(" ", args), out, err).isZero();
    return out.toString();
  }
}
