package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The checked-in test objects and goldens are the ones objects/build.sh recorded. */
class TestObjectsChecksumTest {
  @Test
  void testObjects_matchSha256Sums() {
    String sums = new String(UnsupportedObjectsTest.resource("SHA256SUMS"), StandardCharsets.US_ASCII);
    long checked = sums.lines().filter(l -> !l.isBlank()).peek(line -> {
      String[] f = line.split("\\s+", 2);
      String name = f[1].startsWith("*") ? f[1].substring(1) : f[1];
      assertThat(Bytes.of(UnsupportedObjectsTest.resource(name)).sha256().hex()).as(name).isEqualTo(f[0]);
    }).count();
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }
}
