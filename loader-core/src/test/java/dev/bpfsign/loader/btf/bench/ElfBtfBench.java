package dev.bpfsign.loader.btf.bench;

import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfExt;
import dev.bpfsign.loader.btf.BtfFixups;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.testdata.Fixtures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a fixture object: ELF alone, and ELF + .BTF + .BTF.ext + the upload fix-ups and
 * encoding. {@code bench/run loader-core ElfBtfBench -prof gc} adds allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ElfBtfBench {
  @Param({"large", "core_relos", "maps_basic"})
  public String fixture;

  private byte[] object;

  @Setup
  public void setup() {
    object = Fixtures.object(fixture);
  }

  @Benchmark
  public ElfFile elfOnly() throws Exception {
    return ElfFile.parse(fixture, object);
  }

  @Benchmark
  public byte[] elfBtfExtFixupsEncode() throws Exception {
    ElfFile elf = ElfFile.parse(fixture, object);
    Btf btf = Btf.read(elf).orElseThrow();
    BtfExt.read(elf, btf);
    return BtfFixups.forUpload(elf, BtfFixups.open(elf, btf).btf()).encode();
  }
}
