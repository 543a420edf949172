import dev.bpfsign.cli.BpfSign;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * In one warmed-up JVM: `bpfsign verify oci://REF …` (pull + verify) with a fresh cache each time
 * (cold) and with the cache it just filled (warm). Run by bench/oci-pull:
 *   java -cp 'cli/target/bpfsign.jar:cli/target/lib/*' bench/OciPullBench.java ROUNDS VERIFY-ARGS…
 */
public class OciPullBench {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]);
    List<String> verify = List.of(Arrays.copyOfRange(a, 1, a.length));
    Path caches = Files.createTempDirectory("bpfsign-oci-bench-cache");
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    int warmup = 10;
    for (int i = 0; i < warmup + rounds; i++) {
      Path cache = caches.resolve("c" + i);
      long c = run(verify, cache);
      long w = run(verify, cache);
      if (i >= warmup) {
        cold.add(c);
        warm.add(w);
      }
    }
    System.out.printf("in one JVM after %d warm-up rounds, %d rounds: pull+verify cold cache median %.1f ms (p90 %.1f),"
        + " warm cache median %.1f ms (p90 %.1f)%n", warmup, rounds, pct(cold, 50), pct(cold, 90), pct(warm, 50), pct(warm, 90));
  }

  static long run(List<String> verify, Path cache) {
    List<String> args = new ArrayList<>(verify);
    args.addAll(List.of("--cache", cache.toString()));
    StringWriter sink = new StringWriter();
    long t = System.nanoTime();
    int code = BpfSign.run(new PrintWriter(sink), new PrintWriter(sink), args.toArray(String[]::new));
    long ns = System.nanoTime() - t;
    if (code != 0) {
      throw new IllegalStateException("verify exit " + code + ": " + sink);
    }
    return ns;
  }

  static double pct(List<Long> ns, int p) {
    List<Long> s = ns.stream().sorted().toList();
    return s.get(Math.min(s.size() - 1, (s.size() * p + 99) / 100 - 1)) / 1e6;
  }
}
