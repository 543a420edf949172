package dev.bpfsign.loader.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** A Kconfig value against the bytes generation writes for it, type by type (as libbpf encodes them). */
class RecordedKconfigTest {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

  private static boolean holds(String hex, String value, ByteOrder order) {
    return RecordedKconfig.holds(Bytes.fromHex(hex), value, order);
  }

  @Test
  void tristateBoolAndChar() {
    assertThat(holds("01000000", "y", LE)).isTrue();
    assertThat(holds("02000000", "m", LE)).isTrue();
    assertThat(holds("00000000", "n", LE)).isTrue();
    assertThat(holds("01000000", "m", LE)).isFalse();
    assertThat(holds("00000002", "m", BE)).isTrue();
    assertThat(holds("01", "y", LE)).as("bool").isTrue();
    assertThat(holds("79", "y", LE)).as("char 'y'").isTrue();
    assertThat(holds("00", "y", LE)).isFalse();
    assertThat(holds("6d", "m", LE)).as("char 'm'").isTrue();
    assertThat(holds("02", "m", LE)).as("a bool is never m").isFalse();
    assertThat(holds("0100", "y", LE)).as("no 2-byte tristate").isFalse();
  }

  @Test
  void integersOfTheVariablesSize() {
    assertThat(holds("fa000000", "250", LE)).isTrue();
    assertThat(holds("000000fa", "250", BE)).isTrue();
    assertThat(holds("fa000000", "0xfa", LE)).isTrue();
    assertThat(holds("fa000000", "0372", LE)).as("octal").isTrue();
    assertThat(holds("fb000000", "250", LE)).isFalse();
    assertThat(holds("ffffffffffffffff", "18446744073709551615", LE)).isTrue();
    assertThat(holds("fa000000", "x250", LE)).as("not a number gen writes").isFalse();
  }

  @Test
  void stringsCutToTheArrayAndTerminated() {
    assertThat(holds("286e6f6e652900000000", "\"(none)\"", LE)).isTrue();
    assertThat(holds("61620000", "\"abcdef\"", LE)).as("cut to 3 + NUL").isFalse();
    assertThat(holds("61626300", "\"abcdef\"", LE)).isTrue();
    assertThat(holds("61626400", "\"abcdef\"", LE)).isFalse();
    assertThat(holds("61626300", "\"abc", LE)).as("unterminated quote").isFalse();
  }
}
