package dev.bpfsign.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A co-signer process for {@link ConcurrentSigningTest}: runs {@code bpfsign sign LOADER KEYARGS…}
 * once per loader, one round after another, in this one JVM (JVM start-up is what makes 160
 * separate launches slow on a busy machine; the locking under test is between processes).
 * Usage: {@code SignRounds LOADER… -- SIGN_OPTION…}. Prints one line per round, exits with the
 * first non-zero code.
 */
public final class SignRounds {
  private SignRounds() {}

  public static void main(String[] args) {
    int split = Arrays.asList(args).indexOf("--");
    List<String> loaders = Arrays.asList(args).subList(0, split);
    List<String> options = Arrays.asList(args).subList(split + 1, args.length);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int worst = 0;
    for (String loader : loaders) {
      List<String> argv = new ArrayList<>(List.of("sign", loader));
      argv.addAll(options);
      int code = BpfSign.run(out, err, argv.toArray(String[]::new));
      out.println("round " + loader + ": exit " + code);
      if (worst == 0) {
        worst = code;
      }
    }
    out.flush();
    System.exit(worst);
  }
}
