package dev.bpfsign.loader.btf.bench;

import dev.bpfsign.loader.btf.VmlinuxBtf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Indexing the host's kernel BTF (bytes already in memory), and one lookup. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VmlinuxIndexBench {
  private byte[] vmlinux;
  private VmlinuxBtf index;

  @Setup
  public void setup() throws Exception {
    Path host = Path.of("/sys/kernel/btf/vmlinux");
    if (!Files.isReadable(host)) {
      throw new IllegalStateException("this benchmark needs " + host);
    }
    vmlinux = Files.readAllBytes(host);
    index = VmlinuxBtf.parse("vmlinux", vmlinux);
  }

  @Benchmark
  public VmlinuxBtf index() throws Exception {
    return VmlinuxBtf.parse("vmlinux", vmlinux);
  }

  @Benchmark
  public OptionalInt lookup() {
    return index.findByNameKind("task_struct", 4);
  }
}
