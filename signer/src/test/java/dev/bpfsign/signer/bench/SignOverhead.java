package dev.bpfsign.signer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The signer's overhead over bare JCA measured in thread CPU time, alternating short rounds of
 * each, so that a loaded machine (other builds on the same cores) slows both alike. Prints the
 * median CPU time per signature of each and the overhead. Complements {@link SignBench}, whose
 * wall-clock throughput is only meaningful on a quiet machine.
 *
 * <pre>java -cp … dev.bpfsign.signer.bench.SignOverhead [ROUNDS [OPS_PER_ROUND]]</pre>
 */
public final class SignOverhead {
  private SignOverhead() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String key : new String[] {"signer-rsa3072", "signer-p256"}) {
      SignBench bench = new SignBench();
      bench.key = key;
      bench.setUp();
      for (int i = 0; i < ops * 5; i++) {
        bench.signer();
        bench.bareJca();
      }
      long[] signer = new long[rounds];
      long[] bare = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        // alternate which goes first, so neither always runs after the other's garbage
        if (r % 2 == 0) {
          bare[r] = cpuPerOp(mx, ops, bench::bareJca);
          signer[r] = cpuPerOp(mx, ops, bench::signer);
        } else {
          signer[r] = cpuPerOp(mx, ops, bench::signer);
          bare[r] = cpuPerOp(mx, ops, bench::bareJca);
        }
      }
      long s = median(signer);
      long b = median(bare);
      System.out.printf("%-15s bare JCA %8.1f us/op (%6.0f ops/s CPU)  signer %8.1f us/op (%6.0f ops/s CPU)"
          + "  overhead %+5.1f %%%n", key, b / 1e3, 1e9 / b, s / 1e3, 1e9 / s, 100.0 * (s - b) / b);
    }
  }

  private interface Op {
    Object run() throws Exception;
  }

  private static long cpuPerOp(ThreadMXBean mx, int ops, Op op) throws Exception {
    long start = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < ops; i++) {
      op.run();
    }
    return (mx.getCurrentThreadCpuTime() - start) / ops;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
