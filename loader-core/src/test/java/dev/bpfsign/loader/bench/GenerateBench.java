package dev.bpfsign.loader.bench;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.GeneratedLoader;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.testdata.Fixtures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generation time (object bytes in, signable loader out: parse, relocate, emit, hash) for the
 * largest fixtures and for synthetic objects of 1, 4 and 16 MiB, to show the cost is linear in
 * object size. Target: at most 5 ms for 1 MB after warm-up; run with {@code -prof gc} for
 * allocation per operation. {@code bench/run loader-core GenerateBench}; the heap bound is
 * checked with {@code -jvmArgs -Xmx256m}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class GenerateBench {
  @Param({"fixture:core_relos", "fixture:large", "synthetic:1", "synthetic:4", "synthetic:16"})
  public String object;

  private byte[] image;
  private GenInputs inputs;

  @Setup
  public void load() {
    String[] kv = object.split(":");
    if (kv[0].equals("fixture")) {
      image = Fixtures.object(kv[1]);
      inputs = GenInputs.named(kv[1]);
    } else {
      image = SyntheticObject.ofSize(Integer.parseInt(kv[1]) << 20);
      inputs = GenInputs.named("synthetic");
    }
  }

  @Benchmark
  public GeneratedLoader generate() throws BadInputException {
    return LoaderGenerator.generate(ObjectReader.read("bench.o", image, inputs), Mode.SIGNABLE);
  }
}
