package dev.bpfsign.runtime.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Typed {@code bpf()} commands: each encodes its attr from {@link Attr} into memory of the
 * caller's arena, calls the kernel and decodes the answer. Also adds up the wall time spent
 * inside the system calls, so callers can tell their own overhead from the kernel's.
 */
public final class Bpf {
  public static final int MAP_TYPE_ARRAY = 2;
  public static final int PROG_TYPE_SYSCALL = 31;
  public static final int F_SLEEPABLE = 16;
  public static final int F_RDONLY_PROG = 1 << 7;
  public static final int SHA256_SIZE = 32;

  private final Arena arena;
  private long kernelNanos;

  public Bpf(Arena arena) {
    this.arena = arena;
  }

  /** Nanoseconds spent inside bpf() calls made through this object. */
  public long kernelNanos() {
    return kernelNanos;
  }

  private long call(int cmd, MemorySegment attr, int size) throws SyscallException {
    long start = System.nanoTime();
    try {
      return Sys.bpf(cmd, attr, size);
    } finally {
      kernelNanos += System.nanoTime() - start;
    }
  }

  /** close(fd), timed like the bpf() calls: releasing objects is kernel work too. */
  public void close(int fd) {
    long start = System.nanoTime();
    try {
      Sys.close(fd);
    } finally {
      kernelNanos += System.nanoTime() - start;
    }
  }

  private MemorySegment attr() {
    return arena.allocate(Attr.UNION_SIZE, 8);
  }

  /** BPF_MAP_CREATE; {@code exclProgHash} is NULL for an ordinary map. */
  public int mapCreate(int type, int keySize, int valueSize, int maxEntries, int flags, String name,
      MemorySegment exclProgHash) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.MapCreate.MAP_TYPE, type);
    a.set(ValueLayout.JAVA_INT, Attr.MapCreate.KEY_SIZE, keySize);
    a.set(ValueLayout.JAVA_INT, Attr.MapCreate.VALUE_SIZE, valueSize);
    a.set(ValueLayout.JAVA_INT, Attr.MapCreate.MAX_ENTRIES, maxEntries);
    a.set(ValueLayout.JAVA_INT, Attr.MapCreate.MAP_FLAGS, flags);
    putName(a, Attr.MapCreate.MAP_NAME, Attr.MapCreate.MAP_NAME_LEN, name);
    if (!exclProgHash.equals(MemorySegment.NULL)) {
      a.set(ValueLayout.JAVA_LONG, Attr.MapCreate.EXCL_PROG_HASH, exclProgHash.address());
      a.set(ValueLayout.JAVA_INT, Attr.MapCreate.EXCL_PROG_HASH_SIZE, (int) exclProgHash.byteSize());
    }
    return (int) call(BpfCommand.MAP_CREATE, a, Attr.MapCreate.SIZE);
  }

  public void mapUpdate(int mapFd, MemorySegment key, MemorySegment value, long flags) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.MapElem.MAP_FD, mapFd);
    a.set(ValueLayout.JAVA_LONG, Attr.MapElem.KEY, key.address());
    a.set(ValueLayout.JAVA_LONG, Attr.MapElem.VALUE, value.address());
    a.set(ValueLayout.JAVA_LONG, Attr.MapElem.FLAGS, flags);
    call(BpfCommand.MAP_UPDATE_ELEM, a, Attr.MapElem.SIZE);
  }

  public void mapLookup(int mapFd, MemorySegment key, MemorySegment value) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.MapElem.MAP_FD, mapFd);
    a.set(ValueLayout.JAVA_LONG, Attr.MapElem.KEY, key.address());
    a.set(ValueLayout.JAVA_LONG, Attr.MapElem.VALUE, value.address());
    call(BpfCommand.MAP_LOOKUP_ELEM, a, Attr.MapElem.SIZE);
  }

  public void mapFreeze(int mapFd) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.MapFreeze.MAP_FD, mapFd);
    call(BpfCommand.MAP_FREEZE, a, Attr.MapFreeze.SIZE);
  }

  /** BPF_OBJ_GET_INFO_BY_FD with {@code hash} set: the kernel's SHA-256 of the map's values. */
  public byte[] mapHash(int mapFd) throws SyscallException {
    MemorySegment hash = arena.allocate(SHA256_SIZE, 8);
    MemorySegment info = arena.allocate(Attr.MapInfo.SIZE, 8);
    info.set(ValueLayout.JAVA_LONG, Attr.MapInfo.HASH, hash.address());
    info.set(ValueLayout.JAVA_INT, Attr.MapInfo.HASH_SIZE, SHA256_SIZE);
    objInfo(mapFd, info);
    return hash.toArray(ValueLayout.JAVA_BYTE);
  }

  public MapInfo mapInfo(int mapFd) throws SyscallException {
    MemorySegment info = arena.allocate(Attr.MapInfo.SIZE, 8);
    objInfo(mapFd, info);
    return new MapInfo(
        info.get(ValueLayout.JAVA_INT, Attr.MapInfo.TYPE),
        info.get(ValueLayout.JAVA_INT, Attr.MapInfo.ID),
        info.get(ValueLayout.JAVA_INT, Attr.MapInfo.KEY_SIZE),
        info.get(ValueLayout.JAVA_INT, Attr.MapInfo.VALUE_SIZE),
        info.get(ValueLayout.JAVA_INT, Attr.MapInfo.MAX_ENTRIES),
        info.get(ValueLayout.JAVA_INT, Attr.MapInfo.MAP_FLAGS),
        getName(info, Attr.MapInfo.NAME, Attr.MapInfo.NAME_LEN));
  }

  public ProgInfo progInfo(int progFd) throws SyscallException {
    MemorySegment info = arena.allocate(Attr.ProgInfo.SIZE, 8);
    objInfo(progFd, info);
    return new ProgInfo(
        info.get(ValueLayout.JAVA_INT, Attr.ProgInfo.TYPE),
        info.get(ValueLayout.JAVA_INT, Attr.ProgInfo.ID),
        getName(info, Attr.ProgInfo.NAME, Attr.ProgInfo.NAME_LEN),
        HexFormat.of().formatHex(info.asSlice(Attr.ProgInfo.TAG, 8).toArray(ValueLayout.JAVA_BYTE)),
        info.get(ValueLayout.JAVA_INT, Attr.ProgInfo.ATTACH_BTF_OBJ_ID),
        info.get(ValueLayout.JAVA_INT, Attr.ProgInfo.ATTACH_BTF_ID));
  }

  public LinkInfo linkInfo(int linkFd) throws SyscallException {
    MemorySegment info = arena.allocate(Attr.LinkInfo.SIZE, 8);
    objInfo(linkFd, info);
    return new LinkInfo(
        info.get(ValueLayout.JAVA_INT, Attr.LinkInfo.TYPE),
        info.get(ValueLayout.JAVA_INT, Attr.LinkInfo.ID),
        info.get(ValueLayout.JAVA_INT, Attr.LinkInfo.PROG_ID));
  }

  private void objInfo(int fd, MemorySegment info) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.ObjInfo.BPF_FD, fd);
    a.set(ValueLayout.JAVA_INT, Attr.ObjInfo.INFO_LEN, (int) info.byteSize());
    a.set(ValueLayout.JAVA_LONG, Attr.ObjInfo.INFO, info.address());
    call(BpfCommand.OBJ_GET_INFO_BY_FD, a, Attr.ObjInfo.SIZE);
  }

  public int progLoad(ProgLoadAttrs p) throws SyscallException {
    MemorySegment a = attr();
    MemorySegment license = arena.allocateFrom(p.license());
    a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.PROG_TYPE, p.progType());
    a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.INSN_CNT, (int) (p.insns().byteSize() / 8));
    a.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.INSNS, p.insns().address());
    a.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.LICENSE, license.address());
    if (!p.logBuf().equals(MemorySegment.NULL)) {
      a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.LOG_LEVEL, p.logLevel());
      a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.LOG_SIZE, (int) p.logBuf().byteSize());
      a.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.LOG_BUF, p.logBuf().address());
    }
    a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.PROG_FLAGS, p.progFlags());
    putName(a, Attr.ProgLoad.PROG_NAME, Attr.ProgLoad.PROG_NAME_LEN, p.name());
    a.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.FD_ARRAY, p.fdArray().address());
    if (!p.signature().equals(MemorySegment.NULL)) {
      a.set(ValueLayout.JAVA_LONG, Attr.ProgLoad.SIGNATURE, p.signature().address());
      a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.SIGNATURE_SIZE, (int) p.signature().byteSize());
      a.set(ValueLayout.JAVA_INT, Attr.ProgLoad.KEYRING_ID, p.keyringId());
    }
    return (int) call(BpfCommand.PROG_LOAD, a, Attr.ProgLoad.SIZE);
  }

  /** BPF_PROG_RUN with a ctx the kernel copies in and back; returns the program's retval. */
  public int progRun(int progFd, MemorySegment ctx) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.ProgRun.PROG_FD, progFd);
    a.set(ValueLayout.JAVA_INT, Attr.ProgRun.CTX_SIZE_IN, (int) ctx.byteSize());
    a.set(ValueLayout.JAVA_LONG, Attr.ProgRun.CTX_IN, ctx.address());
    call(BpfCommand.PROG_RUN, a, Attr.ProgRun.SIZE);
    return a.get(ValueLayout.JAVA_INT, Attr.ProgRun.RETVAL);
  }

  public void objPin(int fd, String path) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_LONG, Attr.ObjPin.PATHNAME, arena.allocateFrom(path).address());
    a.set(ValueLayout.JAVA_INT, Attr.ObjPin.BPF_FD, fd);
    call(BpfCommand.OBJ_PIN, a, Attr.ObjPin.SIZE);
  }

  /** BPF_RAW_TRACEPOINT_OPEN; {@code name} null for tracing/LSM programs (target from BTF). */
  public int rawTracepointOpen(String name, int progFd) throws SyscallException {
    MemorySegment a = attr();
    if (name != null) {
      a.set(ValueLayout.JAVA_LONG, Attr.RawTracepointOpen.NAME, arena.allocateFrom(name).address());
    }
    a.set(ValueLayout.JAVA_INT, Attr.RawTracepointOpen.PROG_FD, progFd);
    return (int) call(BpfCommand.RAW_TRACEPOINT_OPEN, a, Attr.RawTracepointOpen.SIZE);
  }

  public int linkCreate(int progFd, int targetFd, int attachType) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, Attr.LinkCreate.PROG_FD, progFd);
    a.set(ValueLayout.JAVA_INT, Attr.LinkCreate.TARGET_FD, targetFd);
    a.set(ValueLayout.JAVA_INT, Attr.LinkCreate.ATTACH_TYPE, attachType);
    return (int) call(BpfCommand.LINK_CREATE, a, Attr.LinkCreate.SIZE);
  }

  private static void putName(MemorySegment a, long offset, int max, String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    int n = Math.min(b.length, max - 1);
    MemorySegment.copy(b, 0, a, ValueLayout.JAVA_BYTE, offset, n);
  }

  private static String getName(MemorySegment s, long offset, int max) {
    byte[] b = s.asSlice(offset, max).toArray(ValueLayout.JAVA_BYTE);
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.US_ASCII);
  }
}
