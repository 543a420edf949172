package dev.bpfsign.runtime.kernel;

import dev.bpfsign.loader.emu.BpfAttr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Typed {@code bpf()} commands: each encodes its attr from loader-core's {@link BpfAttr} (the
 * one copy of the 6.18 {@code bpf_attr} layouts, shared with the emulator) into memory of the
 * caller's arena, calls the kernel and decodes the answer. Also adds up the wall time spent
 * inside the system calls, so callers can tell their own overhead from the kernel's.
 */
public final class Bpf {
  public static final int MAP_TYPE_ARRAY = 2;
  public static final int PROG_TYPE_SYSCALL = BpfAttr.PROG_TYPE_SYSCALL;
  public static final int F_SLEEPABLE = BpfAttr.F_SLEEPABLE;
  public static final int SHA256_SIZE = BpfAttr.SHA256_SIZE;

  /** {@code struct bpf_link_info}: the prefix we read (BpfAttr has no link info). */
  private static final int LINK_INFO_TYPE = 0;
  private static final int LINK_INFO_ID = 4;
  private static final int LINK_INFO_PROG_ID = 8;
  private static final int LINK_INFO_SIZE = 16;

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
    return arena.allocate(BpfAttr.UNION_SIZE, 8);
  }

  /** BPF_MAP_CREATE; {@code exclProgHash} is NULL for an ordinary map. */
  public int mapCreate(int type, int keySize, int valueSize, int maxEntries, int flags, String name,
      MemorySegment exclProgHash) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.MAP_TYPE, type);
    a.set(ValueLayout.JAVA_INT, BpfAttr.MAP_KEY_SIZE, keySize);
    a.set(ValueLayout.JAVA_INT, BpfAttr.MAP_VALUE_SIZE, valueSize);
    a.set(ValueLayout.JAVA_INT, BpfAttr.MAP_MAX_ENTRIES, maxEntries);
    a.set(ValueLayout.JAVA_INT, BpfAttr.MAP_FLAGS, flags);
    putName(a, BpfAttr.MAP_NAME, BpfAttr.OBJ_NAME_LEN, name);
    if (!exclProgHash.equals(MemorySegment.NULL)) {
      a.set(ValueLayout.JAVA_LONG, BpfAttr.MAP_EXCL_PROG_HASH, exclProgHash.address());
      a.set(ValueLayout.JAVA_INT, BpfAttr.MAP_EXCL_PROG_HASH_SIZE, (int) exclProgHash.byteSize());
    }
    return (int) call(BpfCommand.MAP_CREATE, a, BpfAttr.MAP_CREATE_END);
  }

  public void mapUpdate(int mapFd, MemorySegment key, MemorySegment value, long flags) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.ELEM_MAP_FD, mapFd);
    a.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_KEY, key.address());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_VALUE, value.address());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_FLAGS, flags);
    call(BpfCommand.MAP_UPDATE_ELEM, a, BpfAttr.ELEM_END);
  }

  public void mapLookup(int mapFd, MemorySegment key, MemorySegment value) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.ELEM_MAP_FD, mapFd);
    a.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_KEY, key.address());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.ELEM_VALUE, value.address());
    call(BpfCommand.MAP_LOOKUP_ELEM, a, BpfAttr.ELEM_END);
  }

  public void mapFreeze(int mapFd) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.FREEZE_MAP_FD, mapFd);
    call(BpfCommand.MAP_FREEZE, a, BpfAttr.FREEZE_END);
  }

  /** BPF_OBJ_GET_INFO_BY_FD with {@code hash} set: the kernel's SHA-256 of the map's values. */
  public byte[] mapHash(int mapFd) throws SyscallException {
    MemorySegment hash = arena.allocate(SHA256_SIZE, 8);
    MemorySegment info = arena.allocate(BpfAttr.MAP_INFO_SIZE, 8);
    info.set(ValueLayout.JAVA_LONG, BpfAttr.MAP_INFO_HASH, hash.address());
    info.set(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_HASH_SIZE, SHA256_SIZE);
    objInfo(mapFd, info);
    return hash.toArray(ValueLayout.JAVA_BYTE);
  }

  public MapInfo mapInfo(int mapFd) throws SyscallException {
    MemorySegment info = arena.allocate(BpfAttr.MAP_INFO_SIZE, 8);
    objInfo(mapFd, info);
    return new MapInfo(
        info.get(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_TYPE),
        info.get(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_ID),
        info.get(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_KEY_SIZE),
        info.get(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_VALUE_SIZE),
        info.get(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_MAX_ENTRIES),
        info.get(ValueLayout.JAVA_INT, BpfAttr.MAP_INFO_FLAGS),
        getName(info, BpfAttr.MAP_INFO_NAME, BpfAttr.OBJ_NAME_LEN));
  }

  public ProgInfo progInfo(int progFd) throws SyscallException {
    MemorySegment info = arena.allocate(BpfAttr.PROG_INFO_SIZE, 8);
    objInfo(progFd, info);
    return new ProgInfo(
        info.get(ValueLayout.JAVA_INT, BpfAttr.PROG_INFO_TYPE),
        info.get(ValueLayout.JAVA_INT, BpfAttr.PROG_INFO_ID),
        getName(info, BpfAttr.PROG_INFO_NAME, BpfAttr.OBJ_NAME_LEN),
        HexFormat.of().formatHex(info.asSlice(BpfAttr.PROG_INFO_TAG, 8).toArray(ValueLayout.JAVA_BYTE)),
        info.get(ValueLayout.JAVA_INT, BpfAttr.PROG_INFO_ATTACH_BTF_OBJ_ID),
        info.get(ValueLayout.JAVA_INT, BpfAttr.PROG_INFO_ATTACH_BTF_ID));
  }

  public LinkInfo linkInfo(int linkFd) throws SyscallException {
    MemorySegment info = arena.allocate(LINK_INFO_SIZE, 8);
    objInfo(linkFd, info);
    return new LinkInfo(
        info.get(ValueLayout.JAVA_INT, LINK_INFO_TYPE),
        info.get(ValueLayout.JAVA_INT, LINK_INFO_ID),
        info.get(ValueLayout.JAVA_INT, LINK_INFO_PROG_ID));
  }

  private void objInfo(int fd, MemorySegment info) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.INFO_BPF_FD, fd);
    a.set(ValueLayout.JAVA_INT, BpfAttr.INFO_LEN, (int) info.byteSize());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.INFO_INFO, info.address());
    call(BpfCommand.OBJ_GET_INFO_BY_FD, a, BpfAttr.INFO_END);
  }

  public int progLoad(ProgLoadAttrs p) throws SyscallException {
    MemorySegment a = attr();
    MemorySegment license = arena.allocateFrom(p.license());
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_TYPE, p.progType());
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_INSN_CNT, (int) (p.insns().byteSize() / 8));
    a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_INSNS, p.insns().address());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_LICENSE, license.address());
    if (!p.logBuf().equals(MemorySegment.NULL)) {
      a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_LOG_LEVEL, p.logLevel());
      a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_LOG_SIZE, (int) p.logBuf().byteSize());
      a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_LOG_BUF, p.logBuf().address());
    }
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_FLAGS, p.progFlags());
    putName(a, BpfAttr.PROG_NAME, BpfAttr.OBJ_NAME_LEN, p.name());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_FD_ARRAY, p.fdArray().address());
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_FD_ARRAY_CNT, p.fdArrayCnt());
    if (!p.signature().equals(MemorySegment.NULL)) {
      a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_SIGNATURE, p.signature().address());
      a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_SIGNATURE_SIZE, (int) p.signature().byteSize());
      a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_KEYRING_ID, p.keyringId());
    }
    return (int) call(BpfCommand.PROG_LOAD, a, BpfAttr.PROG_LOAD_END);
  }

  /**
   * BPF_PROG_LOAD of a BTF-typed program (LSM, tracing): {@code expectedAttachType} and the
   * vmlinux BTF id of its target; no signature.
   */
  public int progLoadAttached(int progType, int expectedAttachType, int attachBtfId, String name, String license,
      MemorySegment insns) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_TYPE, progType);
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_INSN_CNT, (int) (insns.byteSize() / 8));
    a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_INSNS, insns.address());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.PROG_LICENSE, arena.allocateFrom(license).address());
    putName(a, BpfAttr.PROG_NAME, BpfAttr.OBJ_NAME_LEN, name);
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_EXPECTED_ATTACH_TYPE, expectedAttachType);
    a.set(ValueLayout.JAVA_INT, BpfAttr.PROG_ATTACH_BTF_ID, attachBtfId);
    return (int) call(BpfCommand.PROG_LOAD, a, BpfAttr.PROG_LOAD_END);
  }

  /** BPF_PROG_RUN with a ctx the kernel copies in and back; returns the program's retval. */
  public int progRun(int progFd, MemorySegment ctx) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.TEST_PROG_FD, progFd);
    a.set(ValueLayout.JAVA_INT, BpfAttr.TEST_CTX_SIZE_IN, (int) ctx.byteSize());
    a.set(ValueLayout.JAVA_LONG, BpfAttr.TEST_CTX_IN, ctx.address());
    call(BpfCommand.PROG_RUN, a, BpfAttr.TEST_END);
    return a.get(ValueLayout.JAVA_INT, BpfAttr.TEST_RETVAL);
  }

  public void objPin(int fd, String path) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_LONG, BpfAttr.OBJ_PATHNAME, arena.allocateFrom(path).address());
    a.set(ValueLayout.JAVA_INT, BpfAttr.OBJ_BPF_FD, fd);
    call(BpfCommand.OBJ_PIN, a, BpfAttr.OBJ_END);
  }

  /** BPF_OBJ_GET: a new fd for the object pinned at {@code path}. */
  public int objGet(String path) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_LONG, BpfAttr.OBJ_PATHNAME, arena.allocateFrom(path).address());
    return (int) call(BpfCommand.OBJ_GET, a, BpfAttr.OBJ_END);
  }

  /** BPF_RAW_TRACEPOINT_OPEN; {@code name} null for tracing/LSM programs (target from BTF). */
  public int rawTracepointOpen(String name, int progFd) throws SyscallException {
    MemorySegment a = attr();
    if (name != null) {
      a.set(ValueLayout.JAVA_LONG, BpfAttr.RAW_TP_NAME, arena.allocateFrom(name).address());
    }
    a.set(ValueLayout.JAVA_INT, BpfAttr.RAW_TP_PROG_FD, progFd);
    return (int) call(BpfCommand.RAW_TRACEPOINT_OPEN, a, BpfAttr.RAW_TP_END);
  }

  public int linkCreate(int progFd, int targetFd, int attachType) throws SyscallException {
    MemorySegment a = attr();
    a.set(ValueLayout.JAVA_INT, BpfAttr.LINK_PROG_FD, progFd);
    a.set(ValueLayout.JAVA_INT, BpfAttr.LINK_TARGET_FD, targetFd);
    a.set(ValueLayout.JAVA_INT, BpfAttr.LINK_ATTACH_TYPE, attachType);
    return (int) call(BpfCommand.LINK_CREATE, a, BpfAttr.LINK_END);
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
