package dev.bpfsign.runtime.bench;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.GoldenLoaders;
import dev.bpfsign.runtime.LoadedObjects;
import dev.bpfsign.runtime.TestLoads;
import dev.bpfsign.runtime.kernel.Attr;
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
    mapCreate.set(ValueLayout.JAVA_INT, Attr.MapCreate.MAP_TYPE, Bpf.MAP_TYPE_ARRAY);
    mapCreate.set(ValueLayout.JAVA_INT, Attr.MapCreate.KEY_SIZE, 4);
    mapCreate.set(ValueLayout.JAVA_INT, Attr.MapCreate.VALUE_SIZE, (int) blob.byteSize());
    mapCreate.set(ValueLayout.JAVA_INT, Attr.MapCreate.MAX_ENTRIES, 1);
    MemorySegment.copy(copy("__loader.map".getBytes(StandardCharsets.US_ASCII)), 0, mapCreate, Attr.MapCreate.MAP_NAME, 12);
    mapCreate.set(ValueLayout.JAVA_LONG, Attr.MapCreate.EXCL_PROG_HASH, hash.address());
    mapCreate.set(ValueLayout.JAVA_INT, Attr.MapCreate.EXCL_PROG_HASH_SIZE, 32);
    update = attr();
    update.set(ValueLayout.JAVA_LONG, Attr.MapElem.KEY, arena.allocate(4).address());
    update.set(ValueLayout.JAVA_LONG, Attr.MapElem.VALUE, blob.address());
    freeze = attr();
    info = attr();
    MemorySegment mapInfo = arena.allocate(Attr.MapInfo.SIZE, 8);
    mapInfo.set(ValueLayout.JAVA_LONG, Attr.MapInfo.HASH, arena.allocate(32).address());
    mapInfo.set(ValueLayout.JAVA_INT, Attr.MapInfo.HASH_SIZE, 32);
    info.set(ValueLayout.JAVA_INT, Attr.ObjInfo.INFO_LEN, Attr.MapInfo.SIZE);
    info.set(ValueLayout.JAVA_LONG, Attr.ObjInfo.INFO, mapInfo.address());
    fdArray = arena.allocate(4);
    progLoad = attr();
    progLoad.set(ValueLayout.JAVA_INT, Attr.ProgLoad.PROG_TYPE, Bpf.PROG_TYPE_SYSCALL);
    progLoad.set(ValueLayout.JAVA_INT, Attr.ProgLoad.INSN_CNT, loader.insnCount());
    progLoad.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.INSNS, insns.address());
    progLoad.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.LICENSE, arena.allocateFrom("Dual BSD/GPL").address());
    progLoad.set(ValueLayout.JAVA_INT, Attr.ProgLoad.PROG_FLAGS, Bpf.F_SLEEPABLE);
    MemorySegment.copy(copy("__loader.prog".getBytes(StandardCharsets.US_ASCII)), 0, progLoad, Attr.ProgLoad.PROG_NAME, 13);
    progLoad.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.FD_ARRAY, fdArray.address());
    ctx = arena.allocate(loader.ctx().size(), 8);
    run = attr();
    run.set(ValueLayout.JAVA_INT, Attr.ProgRun.CTX_SIZE_IN, loader.ctx().size());
    run.set(ValueLayout.JAVA_LONG, Attr.ProgRun.CTX_IN, ctx.address());
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
    int mapFd = (int) Sys.bpf(BpfCommand.MAP_CREATE, mapCreate, Attr.MapCreate.SIZE);
    update.set(ValueLayout.JAVA_INT, Attr.MapElem.MAP_FD, mapFd);
    Sys.bpf(BpfCommand.MAP_UPDATE_ELEM, update, Attr.MapElem.SIZE);
    freeze.set(ValueLayout.JAVA_INT, Attr.MapFreeze.MAP_FD, mapFd);
    Sys.bpf(BpfCommand.MAP_FREEZE, freeze, Attr.MapFreeze.SIZE);
    info.set(ValueLayout.JAVA_INT, Attr.ObjInfo.BPF_FD, mapFd);
    Sys.bpf(BpfCommand.OBJ_GET_INFO_BY_FD, info, Attr.ObjInfo.SIZE);
    fdArray.set(ValueLayout.JAVA_INT, 0, mapFd);
    int progFd = (int) Sys.bpf(BpfCommand.PROG_LOAD, progLoad, Attr.ProgLoad.SIZE);
    ctx.fill((byte) 0);
    ctx.set(ValueLayout.JAVA_INT, 0, loader.ctx().size());
    run.set(ValueLayout.JAVA_INT, Attr.ProgRun.PROG_FD, progFd);
    Sys.bpf(BpfCommand.PROG_RUN, run, Attr.ProgRun.SIZE);
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
    return arena.allocate(Attr.UNION_SIZE, 8);
  }

  private MemorySegment copy(byte[] bytes) {
    MemorySegment s = arena.allocate(bytes.length, 8);
    MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return s;
  }

}
