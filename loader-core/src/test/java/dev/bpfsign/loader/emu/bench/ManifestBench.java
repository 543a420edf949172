package dev.bpfsign.loader.emu.bench;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.Emulation;
import dev.bpfsign.loader.emu.Emulator;
import dev.bpfsign.loader.emu.LoaderShape;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ShapeProblem;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * What the verifier pays per admission for the loader-content part: emulation, manifest and
 * shape check of a signed bpftool golden. {@code bench/run loader-core ManifestBench -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestBench {
  @Param({"maps_basic", "large"})
  public String fixture;

  private LoaderFile loader;

  @Setup
  public void setUp() throws Exception {
    String header = Files.readString(Fixtures.header(fixture, Fixtures.SIGNED));
    loader = new LoaderFile(fixture, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.DATA)),
        new CtxLayout(members(header, "bpf_map_desc"), members(header, "bpf_prog_desc")), List.of());
  }

  private static List<String> members(String header, String type) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\bstruct " + type + " (\\w+);").matcher(header);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The floor the verifier pays anyway: SHA-256 of the blob; the others read relative to it. */
  @Benchmark
  public Bytes sha256OfData() {
    return loader.data().sha256();
  }

  @Benchmark
  public Emulation emulate() throws Exception {
    return Emulator.run(loader);
  }

  @Benchmark
  public Manifest manifest() throws Exception {
    return Manifest.of(loader);
  }

  @Benchmark
  public List<ShapeProblem> shapeCheck() {
    return LoaderShape.check(loader);
  }
}
