package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads an input that must be text (a Kconfig): UTF-8 without control
 * characters other than tab, CR and LF. Anything else is refused up front with its offset, so a
 * binary file given by mistake is named as such rather than echoed to the terminal or reported
 * as a decoder's "Input length = 1".
 */
final class TextInputs {
  /** Far above a real /proc/kallsyms (a few tens of MB) or Kconfig. */
  static final long MAX_TEXT_SIZE = 256L << 20;

  private TextInputs() {}

  /** @param expected what the file should hold, for the message ("Kconfig lines") */
  static String read(Path path, String expected) throws IOException, BadInputException {
    byte[] bytes = InputFiles.read(path, MAX_TEXT_SIZE);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
        throw notText(path, expected, String.format("control byte 0x%02x at offset %d", b, i));
      }
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return utf8.decode(in).toString();
    } catch (CharacterCodingException e) {
      // the decoder stops at the bad sequence
      throw notText(path, expected, String.format("byte 0x%02x at offset %d is not UTF-8",
          bytes[in.position()] & 0xff, in.position()));
    }
  }

  private static BadInputException notText(Path path, String expected, String why) {
    return new BadInputException(path + ": not a text file (" + why + "); expected " + expected);
  }
}
