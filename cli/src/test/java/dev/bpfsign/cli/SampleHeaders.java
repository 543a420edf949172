package dev.bpfsign.cli;

import dev.bpfsign.testdata.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** bpftool golden headers and blobs for command tests, as "fixture/mode.lskel.h" or "fixture/mode/part.bin". */
final class SampleHeaders {
  private SampleHeaders() {}

  static byte[] require(String path) {
    String[] p = path.split("/");
    if (p.length == 2) {
      try {
        return Files.readAllBytes(Fixtures.header(p[0], p[1].replace(".lskel.h", "")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Fixtures.golden(p[0], p[1], p[2].replace(".bin", ""));
  }
}
