package dev.bpfsign.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTest {
  @Test
  void of_printableAscii_isQuotedAsIs() {
    assertThat(Quoted.of("CONFIG_HZ=250")).isEqualTo("'CONFIG_HZ=250'");
  }

  @Test
  void of_controlAndNonAscii_areHexEscapes() {
    assertThat(Quoted.of("a\r\u0000\u001b[2J\u00ff\\\u20ac")).isEqualTo("'a\\x0d\\x00\\x1b[2J\\xff\\\\\\u20ac'");
  }

  @Test
  void of_longText_isCutAfter60Characters() {
    assertThat(Quoted.of("x".repeat(100))).isEqualTo("'" + "x".repeat(60) + "'…");
  }

  @Test
  void controlsEscaped_keepsPrintableAndNonAscii_escapesControls() {
    assertThat(Quoted.controlsEscaped("sec\n(#3) caf\u00e9 \u009b\u007f")).isEqualTo("sec\\x0a(#3) caf\u00e9 \\x9b\\x7f");
    assertThat(Quoted.controlsEscaped("plain")).isEqualTo("plain");
  }

  @Test
  void badInputException_messageIsAlwaysOneLine() {
    assertThat(new BadInputException("a.o: section \r\n (#3): bad").getMessage()).isEqualTo("a.o: section \\x0d\\x0a (#3): bad");
  }
}
