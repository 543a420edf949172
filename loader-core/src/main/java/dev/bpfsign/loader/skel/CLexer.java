package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.BadInputException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits C text into tokens, enough of C to read a generated header: comments and preprocessor
 * lines are skipped, string literals are decoded with C's escape rules (hex, octal, simple
 * escapes). It is strict where a compiler is: an unterminated literal or comment, an unknown
 * escape or a hex escape above 0xff is an error naming the line.
 */
final class CLexer {
  private final CSource src;
  private int pos;

  private CLexer(CSource src) {
    this.src = src;
  }

  static List<CToken> tokens(CSource src) throws BadInputException {
    return new CLexer(src).run();
  }

  private List<CToken> run() throws BadInputException {
    List<CToken> out = new ArrayList<>();
    boolean lineStart = true;
    while (true) {
      int c = src.at(pos);
      if (c < 0) {
        return out;
      }
      if (c == '\n') {
        lineStart = true;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
        pos++;
      } else if (c == '#' && lineStart) {
        skipDirective();
      } else if (c == '/' && src.at(pos + 1) == '*') {
        skipBlockComment();
      } else if (c == '/' && src.at(pos + 1) == '/') {
        while (src.at(pos) >= 0 && src.at(pos) != '\n') {
          pos++;
        }
      } else {
        lineStart = false;
        out.add(token(c));
      }
    }
  }

  private CToken token(int c) throws BadInputException {
    int start = pos;
    if (isIdentStart(c)) {
      while (isIdentPart(src.at(pos))) {
        pos++;
      }
      return new CToken(CToken.Kind.IDENTIFIER, src.text(start, pos), null, start);
    }
    if (isDigit(c) || (c == '.' && isDigit(src.at(pos + 1)))) {
      // a preprocessing number: digits, letters, dots and exponent signs
      pos++;
      while (true) {
        int d = src.at(pos);
        if (isIdentPart(d) || d == '.') {
          pos++;
        } else if ((d == '+' || d == '-') && "eEpP".indexOf(src.at(pos - 1)) >= 0) {
          pos++;
        } else {
          break;
        }
      }
      return new CToken(CToken.Kind.NUMBER, src.text(start, pos), null, start);
    }
    if (c == '"') {
      return new CToken(CToken.Kind.STRING, null, quoted('"', "string literal"), start);
    }
    if (c == '\'') {
      return new CToken(CToken.Kind.CHAR, null, quoted('\'', "character literal"), start);
    }
    if (c < 0x21 || c > 0x7e) {
      throw new BadInputException(src.where(pos) + ": unexpected byte 0x" + Integer.toHexString(c) + " outside a literal");
    }
    pos++;
    return new CToken(CToken.Kind.PUNCT, String.valueOf((char) c), null, start);
  }

  private byte[] quoted(int quote, String what) throws BadInputException {
    int start = pos;
    pos++;
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    while (true) {
      int c = src.at(pos);
      if (c < 0 || c == '\n' || (c == '\\' && src.at(pos + 1) < 0)) {
        throw new BadInputException(src.where(start) + ": unterminated " + what);
      }
      if (c == quote) {
        pos++;
        return value.toByteArray();
      }
      if (c == '\\') {
        value.write(escape());
      } else {
        value.write(c);
        pos++;
      }
    }
  }

  /** Decodes one escape sequence starting at the backslash; returns its byte value. */
  private int escape() throws BadInputException {
    int at = pos;
    int c = src.at(pos + 1);
    pos += 2;
    switch (c) {
      case 'x' -> {
        int v = 0;
        int digits = 0;
        while (Character.digit(src.at(pos), 16) >= 0 && src.at(pos) < 0x80) {
          v = v * 16 + Character.digit(src.at(pos), 16);
          pos++;
          digits++;
          if (v > 0xff) {
            throw new BadInputException(src.where(at) + ": hex escape out of range for a char");
          }
        }
        if (digits == 0) {
          throw new BadInputException(src.where(at) + ": \\x used with no following hex digits");
        }
        return v;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        int v = c - '0';
        for (int i = 0; i < 2 && src.at(pos) >= '0' && src.at(pos) <= '7'; i++) {
          v = v * 8 + (src.at(pos) - '0');
          pos++;
        }
        if (v > 0xff) {
          throw new BadInputException(src.where(at) + ": octal escape out of range for a char");
        }
        return v;
      }
      case 'n' -> { return '\n'; }
      case 't' -> { return '\t'; }
      case 'r' -> { return '\r'; }
      case 'a' -> { return 7; }
      case 'b' -> { return 8; }
      case 'f' -> { return 12; }
      case 'v' -> { return 11; }
      case '\\', '\'', '"', '?' -> { return c; }
      default -> throw new BadInputException(src.where(at) + ": unknown escape sequence in a literal");
    }
  }

  private void skipDirective() {
    // a directive runs to the end of the (spliced) line; comments inside it do not matter here
    while (src.at(pos) >= 0 && src.at(pos) != '\n') {
      pos++;
    }
  }

  private void skipBlockComment() throws BadInputException {
    int start = pos;
    pos += 2;
    while (true) {
      int c = src.at(pos);
      if (c < 0) {
        throw new BadInputException(src.where(start) + ": unterminated comment");
      }
      if (c == '*' && src.at(pos + 1) == '/') {
        pos += 2;
        return;
      }
      pos++;
    }
  }

  private static boolean isIdentStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(int c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
