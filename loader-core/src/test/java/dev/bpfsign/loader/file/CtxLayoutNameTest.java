package dev.bpfsign.loader.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Map and program names in a loader file are C identifiers of 1 to 255 characters. */
class CtxLayoutNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "_", "_x1", "count_getpid", "Z9"})
  void cIdentifiers_areValid(String name) {
    assertThat(CtxLayout.isValidName(name)).isTrue();
    assertThat(CtxLayout.isValidName(name + "x".repeat(255 - name.length()))).as("255 characters").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1a", "9", "a-b", "a.b", "a b", "é", "a\u0000", "ab\n"})
  void othersAreNot(String name) {
    assertThat(CtxLayout.isValidName(name)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void moreThan255Characters_isNot() {
    assertThat(CtxLayout.isValidName("a".repeat(256))).isFalse();
  }
}
