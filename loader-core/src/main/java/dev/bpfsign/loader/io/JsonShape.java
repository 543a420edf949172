package dev.bpfsign.loader.io;

import dev.bpfsign.loader.Printable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Says, in our words, why bytes that should be JSON (a policy, a target profile, a registry's
 * manifest) did not parse, from where the parser stopped. The JSON parser's own messages
 * ("Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null',
 * 'true' or 'false')", "Invalid UTF-8 middle byte 0x52") describe its internals; this names the
 * line and column and what is there. Jackson-free, so every module that reads JSON words its
 * errors the same way.
 */
public final class JsonShape {
  private JsonShape() {}

  /** Whether there is nothing but white space: said as "empty" rather than as a syntax error. */
  public static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Why {@code json} is not JSON; {@code byteOffset} is where the parser stopped (negative when
   * it does not say), {@code line} and {@code column} its position (used only then). Never null,
   * one line: {@code "line 2, column 16: the JSON ends early (…)"}.
   */
  public static String why(byte[] json, long byteOffset, int line, int column) {
    if (isBlank(json)) {
      return "it is empty";
    }
    // a byte JSON text never holds (a raw control character, invalid UTF-8) anywhere: the file is
    // not text at all, whatever the parser tripped on first
    int binary = firstNonText(json);
    if (binary >= 0) {
      return at(json, binary) + String.format("byte 0x%02x is not JSON text (a binary file?)", json[binary] & 0xff);
    }
    if (byteOffset < 0 || byteOffset > json.length) {
      return (line > 0 ? "line " + line + ", column " + column + ": " : "") + "not valid JSON";
    }
    int offset = (int) byteOffset;
    if (restIsBlank(json, offset)) {
      return at(json, offset) + "the JSON ends early (an unclosed object, array or string, or a missing value)";
    }
    return at(json, offset) + "not valid JSON near " + excerpt(json, offset);
  }

  /** "line L, column C: " of a byte offset (columns count characters, from 1). */
  public static String at(byte[] json, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < json.length; i++) {
      if (json[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = 1;
    for (int i = lineStart; i < offset && i < json.length; i++) {
      if ((json[i] & 0xc0) != 0x80) {
        column++; // count characters, not UTF-8 continuation bytes
      }
    }
    return "line " + line + ", column " + column + ": ";
  }

  private static boolean restIsBlank(byte[] json, int offset) {
    for (int i = offset; i < json.length; i++) {
      byte b = json[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The text of the line around {@code offset}, quoted and escaped, at most 40 characters. */
  private static String excerpt(byte[] json, int offset) {
    int start = offset;
    while (start > 0 && json[start - 1] != '\n' && offset - start < 20) {
      start--;
    }
    int end = offset;
    while (end < json.length && json[end] != '\n' && json[end] != '\r' && end - start < 40) {
      end++;
    }
    return Printable.quote(new String(json, start, Math.max(end - start, 0), StandardCharsets.UTF_8).strip());
  }

  /** The offset of the first raw control byte (other than tab, CR, LF) or invalid UTF-8, or -1. */
  private static int firstNonText(byte[] json) {
    int utf8 = firstNonUtf8(json);
    int end = utf8 >= 0 ? utf8 : json.length;
    for (int i = 0; i < end; i++) {
      int b = json[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        return i;
      }
    }
    return utf8;
  }

  /** The offset of the first byte that is not part of valid UTF-8, or -1. */
  private static int firstNonUtf8(byte[] json) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(json);
    try {
      utf8.decode(in);
      return -1;
    } catch (CharacterCodingException e) {
      return in.position();
    }
  }
}
