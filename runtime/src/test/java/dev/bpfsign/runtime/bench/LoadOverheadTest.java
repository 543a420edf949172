package dev.bpfsign.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.GoldenLoaders;
import dev.bpfsign.runtime.KernelTests;
import dev.bpfsign.runtime.LoadedObjects;
import dev.bpfsign.runtime.TestLoads;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Our own time per load (wall time from admitted bytes to fds, minus the time spent inside
 * bpf() and close() in the same load), measured in each of many loads. The median must stay
 * under the 2 ms; prints the figures. {@code LoadBench} measures the same with JMH.
 */
class LoadOverheadTest {
  private static final int WARMUP = 30;
  private static final int LOADS = 60;

  @Test
  void load_medianOverheadPerLoad_isUnderTwoMilliseconds() throws Exception {
    KernelTests.requireBpf();
    LoaderFile loader = GoldenLoaders.signed(Fixtures.MAPS_BASIC);
    for (int i = 0; i < WARMUP; i++) {
      TestLoads.load(loader).close();
    }
    long[] overhead = new long[LOADS];
    long[] kernel = new long[LOADS];
    for (int i = 0; i < LOADS; i++) {
      try (LoadedObjects o = TestLoads.load(loader)) {
        overhead[i] = o.totalNanos() - o.kernelNanos();
        kernel[i] = o.kernelNanos();
      }
    }
    Arrays.sort(overhead);
    Arrays.sort(kernel);
    System.out.printf("load %s: median overhead %.1f us (p90 %.1f us), median kernel %.1f us over %d loads%n",
        Fixtures.MAPS_BASIC, overhead[LOADS / 2] / 1e3, overhead[LOADS * 9 / 10] / 1e3, kernel[LOADS / 2] / 1e3, LOADS);
    assertThat(overhead[LOADS / 2]).isLessThan(2_000_000L);
  }
}
