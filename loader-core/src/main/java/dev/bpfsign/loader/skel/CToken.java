package dev.bpfsign.loader.skel;

/**
 * One C token. {@code text} is the spelling for identifiers, numbers and punctuators; for a
 * string literal {@code value} holds the decoded bytes (without the terminating NUL).
 *
 * @param start spliced offset of the first character, for error positions
 */
record CToken(Kind kind, String text, byte[] value, int start) {
  enum Kind { IDENTIFIER, NUMBER, STRING, CHAR, PUNCT }

  boolean is(String spelling) {
    return (kind == Kind.IDENTIFIER || kind == Kind.PUNCT) && text.equals(spelling);
  }

  String describe() {
    return switch (kind) {
      case STRING -> "a string literal";
      case CHAR -> "a character literal";
      default -> "'" + text + "'";
    };
  }
}
