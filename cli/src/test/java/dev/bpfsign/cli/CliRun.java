package dev.bpfsign.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line, with its exit code and both streams captured. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BpfSign.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
