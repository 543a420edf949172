package dev.bpfsign.loader.insn.bench;

import static dev.bpfsign.loader.insn.Opcodes.*;
import static dev.bpfsign.loader.insn.Reg.*;

import dev.bpfsign.loader.insn.Assembler;
import dev.bpfsign.loader.insn.Helpers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Assembling a loader-shaped stream: per record a syscall template (6 slots), a pointer
 * fix-up (5 slots) and an error check jumping back to the cleanup label. 20,000 records give
 * about 240,000 slots (1.9 MB), more than a 1 MB object's loader needs.
 * {@code bench/run loader-core AssemblerBench -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AssemblerBench {
  @Param({"2000", "20000"})
  public int records;

  @Benchmark
  public byte[] assemble() throws Exception {
    Assembler a = new Assembler(records * 12 + 64);
    a.mov64Reg(R6, R1).mov64Reg(R1, R10).add64Imm(R1, -136).mov64Imm(R2, 136).mov64Imm(R3, 0)
        .call(Helpers.PROBE_READ_KERNEL).ja("start");
    a.label("cleanup").mov64Reg(R0, R7).exit();
    a.label("start");
    for (int i = 0; i < records; i++) {
      int attr = 1280 + 64 * i;
      a.ldImm64(R0, PSEUDO_MAP_IDX_VALUE, 0, attr + 32).ldImm64(R1, PSEUDO_MAP_IDX_VALUE, 0, attr).stx(DW, R1, R0, 0);
      a.mov64Imm(R1, 0).ldImm64(R2, PSEUDO_MAP_IDX_VALUE, 0, attr).mov64Imm(R3, 72).call(Helpers.SYS_BPF).mov64Reg(R7, R0);
      // gen_loader's long loaders exceed s16 back to the cleanup label; keep the check near it
      if (i < 2000) {
        a.jsltImm(R7, 0, "cleanup");
      } else {
        a.jsltImm(R7, 0, 1);
      }
    }
    a.mov64Imm(R0, 0).exit();
    return a.build();
  }
}
