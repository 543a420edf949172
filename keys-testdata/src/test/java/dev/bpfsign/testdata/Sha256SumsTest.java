package dev.bpfsign.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Sha256SumsTest {
  @ParameterizedTest
  @ValueSource(strings = {"keys/", "bpf/", "bpf/golden/", "corpus/"})
  void everyEntry_matchesTheFile(String dir) throws NoSuchAlgorithmException {
    Map<String, String> sums = Resources.sha256sums(dir + "SHA256SUMS");
    assertThat(sums).isNotEmpty();
    for (var e : sums.entrySet()) {
      byte[] bytes = Resources.bytes(dir + e.getKey());
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(actual).as(dir + e.getKey()).isEqualTo(e.getValue());
    }
  }
}
