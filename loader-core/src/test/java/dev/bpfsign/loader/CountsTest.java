package dev.bpfsign.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {
  @Test
  void of_readsAsAPersonWritesIt() {
    assertThat(Counts.of(0, "signature")).isEqualTo("no signatures");
    assertThat(Counts.of(1, "map")).isEqualTo("1 map");
    assertThat(Counts.of(2, "map")).isEqualTo("2 maps");
    assertThat(Counts.of(1, "entry", "entries")).isEqualTo("1 entry");
    assertThat(Counts.of(12, "entry", "entries")).isEqualTo("12 entries");
  }
}
