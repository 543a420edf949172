package dev.bpfsign.runtime.bench;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.GoldenLoaders;
import dev.bpfsign.runtime.LoadedObjects;
import dev.bpfsign.runtime.TestLoads;
import dev.bpfsign.loader.emu.BpfAttr;
import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.BpfCommand;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time from an admitted loader to its fds, against the kernel's own time for the same
 * syscalls in the same run. {@code runtime} is our load sequence (and closing what it made);
 * {@code bareSyscalls} issues the same bpf() calls from attrs prepared once, so its time is
 * the kernel's plus the bare FFM transition. Our overhead per load = runtime − bareSyscalls
 * (target ≤ 2 ms). {@code LoadOverheadTest} reports the same split from inside each load.
 *
 * <p>{@code bench/run runtime LoadBench -f 1 -wi 5 -i 10}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LoadBench {
  @Param({"maps_basic", "core_relos", "large"})
  public String fixture;

  private LoaderFile loader;
  private Arena arena;
  private MemorySegment mapCreate;
  private MemorySegment update;
  private MemorySegment freeze;
  private MemorySegment info;
  private MemorySegment progLoad;
  private MemorySegment run;
  private MemorySegment fdArray;
  private MemorySegment ctx;

  @Setup
  public void setUp() {
    loader = GoldenLoaders.signed(fixture);
    arena = Arena.ofShared();
    MemorySegment blob = copy(loader.data().toArray());
    MemorySegment insns = copy(loader.insns().toArray());
    MemorySegment hash = copy(loader.insns().sha256().toArray());
    mapCreate = attr();
    mapCreate.set(ValueLayout.JAVA_INT, BpfAttr.MAP_TYPE, Bpf.MAP_TYPE_ARRAY);
    mapCreate.set(ValueLayout.JAVA_INT, BpfAttr.MAP_KEY_SIZE, 4);
    mapCreate.set(ValueLayout.JAVA_INT, BpfAttr.MAP_VALUE_SIZE, (int) blob.byteSize());
    mapCreate.set(ValueLayout.JAVA_INT, BpfAttr.MAP_MAX_ENTRIES, 1);
    MemorySegment.copy(copy("__loader.map".getBytes(StandardCharsets.US_ASCII)), 0, mapCreate, BpfAttr.MAP_NAME, 12);
    mapCreate.set(ValueLayout.JAVA_LONG, BpfAttr.MAP_EXCL_PROG_HASH, hash.address());
    mapCreate.set(ValueLayout.JAVA_INT, BpfAttr.MAP_EXCL_PROG_HASH_SIZE, 32);
    update = attr();
    update.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_KEY, arena.allocate(4).address());
    update.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_VALUE, blob.address());
    freeze = attr();
    info = attr();
    MemorySegment mapInfo = arena.allocate(BpfAttr.MAP_INFO_SIZE, 8);
    mapInfo.set(ValueLayout.JAVA_LONG, BpfAttr.MAP_INFO_HASH, arena.allocate(32).address());
    mapInfo.set(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_HASH_SIZE, 32);
    info.set(ValueLayout.JAVA_INT, BpfAttr.INFO_LEN, BpfAttr.MAP_INFO_SIZE);
    info.set(ValueLayout.JAVA_LONG, BpfAttr.INFO_INFO, mapInfo.address());
    fdArray = arena.allocate(4);
    progLoad = attr();
    progLoad.set(ValueLayout.JAVA_INT, BpfAttr.PROG_TYPE, Bpf.PROG_TYPE_SYSCALL);
    progLoad.set(ValueLayout.JAVA_INT, BpfAttr.PROG_INSN_CNT, loader.insnCount());
    progLoad.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_INSNS, insns.address());
    progLoad.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_LICENSE, arena.allocateFrom("Dual BSD/GPL").address());
    progLoad.set(ValueLayout.JAVA_INT, BpfAttr.PROG_FLAGS, Bpf.F_SLEEPABLE);
    MemorySegment.copy(copy("__loader.prog".getBytes(StandardCharsets.US_ASCII)), 0, progLoad, BpfAttr.PROG_NAME, 13);
    progLoad.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_FD_ARRAY, fdArray.address());
    ctx = arena.allocate(loader.ctx().size(), 8);
    run = attr();
    run.set(ValueLayout.JAVA_INT, BpfAttr.TEST_CTX_SIZE_IN, loader.ctx().size());
    run.set(ValueLayout.JAVA_LONG, BpfAttr.TEST_CTX_IN, ctx.address());
  }

  @TearDown
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public int runtime() throws Exception {
    try (LoadedObjects objects = TestLoads.load(loader)) {
      return objects.all().size();
    }
  }

  /** The same bpf() calls with everything prepared beforehand, then the same closes. */
  @Benchmark
  public int bareSyscalls() throws SyscallException {
    int mapFd = (int) Sys.bpf(BpfCommand.MAP_CREATE, mapCreate, BpfAttr.MAP_CREATE_END);
    update.set(ValueLayout.JAVA_INT, BpfAttr.ELEM_MAP_FD, mapFd);
    Sys.bpf(BpfCommand.MAP_UPDATE_ELEM, update, BpfAttr.ELEM_END);
    freeze.set(ValueLayout.JAVA_INT, BpfAttr.FREEZE_MAP_FD, mapFd);
    Sys.bpf(BpfCommand.MAP_FREEZE, freeze, BpfAttr.FREEZE_END);
    info.set(ValueLayout.JAVA_INT, BpfAttr.INFO_BPF_FD, mapFd);
    Sys.bpf(BpfCommand.OBJ_GET_INFO_BY_FD, info, BpfAttr.INFO_END);
    fdArray.set(ValueLayout.JAVA_INT, 0, mapFd);
    int progFd = (int) Sys.bpf(BpfCommand.PROG_LOAD, progLoad, BpfAttr.PROG_LOAD_END);
    ctx.fill((byte) 0);
    ctx.set(ValueLayout.JAVA_INT, 0, loader.ctx().size());
    run.set(ValueLayout.JAVA_INT, BpfAttr.TEST_PROG_FD, progFd);
    Sys.bpf(BpfCommand.PROG_RUN, run, BpfAttr.TEST_END);
    Sys.close(progFd);
    Sys.close(mapFd);
    int n = loader.ctx().maps().size() + loader.ctx().programs().size();
    for (int i = 0; i < loader.ctx().maps().size(); i++) {
      Sys.close(ctx.get(ValueLayout.JAVA_INT, loader.ctx().mapFdOffset(i)));
    }
    for (int i = 0; i < loader.ctx().programs().size(); i++) {
      Sys.close(ctx.get(ValueLayout.JAVA_INT, loader.ctx().progFdOffset(i)));
    }
    return n;
  }

  private MemorySegment attr() {
    return arena.allocate(BpfAttr.UNION_SIZE, 8);
  }

  private MemorySegment copy(byte[] bytes) {
    MemorySegment s = arena.allocate(bytes.length, 8);
    MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return s;
  }

}
