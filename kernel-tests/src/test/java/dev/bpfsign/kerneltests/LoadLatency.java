package dev.bpfsign.kerneltests;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.ProgLoadAttrs;
import dev.bpfsign.runtime.kernel.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Run inside the guest: the wall time of one BPF_PROG_LOAD of the same two-instruction syscall
 * program, N times (the first fifth dropped as warm-up), printed as
 * {@code @@BENCH LABEL median_ns=… p90_ns=… n=…} for the test to compare with and without a policy.
 */
public final class LoadLatency {
  private static final byte[] RETURN_ZERO = {
    (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,
    (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
  };

  private LoadLatency() {}

  public static void main(String[] args) throws Exception {
    String label = args[0];
    int n = Integer.parseInt(args[1]);
    long[] nanos = new long[n];
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      MemorySegment insns = arena.allocateFrom(ValueLayout.JAVA_BYTE, RETURN_ZERO);
      ProgLoadAttrs attrs = new ProgLoadAttrs(Bpf.PROG_TYPE_SYSCALL, Bpf.F_SLEEPABLE, "bench", "GPL", insns,
          MemorySegment.NULL, MemorySegment.NULL, 0, MemorySegment.NULL, 0);
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        int fd = bpf.progLoad(attrs);
        nanos[i] = System.nanoTime() - start;
        Sys.close(fd);
      }
    }
    long[] kept = Arrays.copyOfRange(nanos, n / 5, n);
    Arrays.sort(kept);
    System.out.println("@@BENCH " + label + " median_ns=" + kept[kept.length / 2] + " p90_ns="
        + kept[kept.length * 9 / 10] + " n=" + kept.length);
  }
}
