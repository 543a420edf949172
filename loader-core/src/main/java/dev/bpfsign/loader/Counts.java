package dev.bpfsign.loader;

/**
 * Counts in messages, as a person writes them: "1 map", "3 maps", "no signatures". One helper,
 * so no message says "1 maps" or "change(s)".
 */
public final class Counts {
  private Counts() {}

  /** {@code n} of a noun whose plural adds "s": "no maps", "1 map", "2 maps". */
  public static String of(long n, String singular) {
    return of(n, singular, singular + "s");
  }

  /** {@code n} of a noun with its own plural: "1 entry", "2 entries". */
  public static String of(long n, String singular, String plural) {
    return n == 0 ? "no " + plural : n + " " + (n == 1 ? singular : plural);
  }
}
