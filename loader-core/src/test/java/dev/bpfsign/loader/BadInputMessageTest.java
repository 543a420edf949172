package dev.bpfsign.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whatever text an input puts into a message, the message stays one line (found by fuzzing). */
class BadInputMessageTest {
  @Test
  void controlsEscaped_keepsPrintableAndNonAscii_escapesControls() {
    assertThat(Printable.controlsEscaped("sec\n(#3) caf\u00e9 \u009b\u007f")).isEqualTo("sec\\x0a(#3) caf\u00e9 \\x9b\\x7f");
    assertThat(Printable.controlsEscaped("plain")).isEqualTo("plain");
  }

  @Test
  void badInputException_messageIsAlwaysOneLine() {
    assertThat(new BadInputException("a.o: section \r\n (#3): bad").getMessage()).isEqualTo("a.o: section \\x0d\\x0a (#3): bad");
    assertThat(new BadInputException("k:1: bad", new IllegalStateException()).getMessage()).isEqualTo("k:1: bad");
  }
}
