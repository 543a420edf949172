package dev.bpfsign.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReferenceTest {
  static final String HEX = "0123456789abcdef".repeat(4);

  @Test
  void tag_digest_port_andPrefix() throws Exception {
    Reference r = Reference.parse("oci://registry.example:5000/team/loaders/maps:v1.2");
    assertThat(r.registry()).isEqualTo("registry.example:5000");
    assertThat(r.repository()).isEqualTo("team/loaders/maps");
    assertThat(r.tag()).contains("v1.2");
    assertThat(r.digest()).isEmpty();
    assertThat(r.host()).isEqualTo("registry.example");

    Reference d = Reference.parse("localhost/maps@sha256:" + HEX);
    assertThat(d.digest()).contains(new Digest(HEX));
    assertThat(d.manifestReference()).isEqualTo("sha256:" + HEX);
    assertThat(d.toString()).isEqualTo("localhost/maps@sha256:" + HEX);

    assertThat(Reference.parse("[::1]:5000/maps").tag()).isEqualTo(Optional.of("latest"));
    assertThat(Reference.parse("[::1]:5000/maps").host()).isEqualTo("::1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "oci://", "maps", "oci://registry/", "registry/Maps:v1", "registry/maps:", "registry/maps:-x",
      "registry/maps@sha256:abc", "registry/maps@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "reg istry/maps", "registry//maps", "registry/maps/:v1",
      "registry/ma\nps"})
  void malformed_isOneLineBadInput(String text) {
    assertThatThrownBy(() -> Reference.parse(text))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("reference '")
        .hasMessageNotContaining("\n");
  }
}
