package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.emu.BpfAttr.*;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.KernelCall.BtfLoad;
import dev.bpfsign.loader.emu.KernelCall.MapCreate;
import dev.bpfsign.loader.emu.KernelCall.MapFreeze;
import dev.bpfsign.loader.emu.KernelCall.MapUpdateElem;
import dev.bpfsign.loader.emu.KernelCall.ProgLoad;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the attrs of the commands gen_loader emits from emulated memory, with the offsets of
 * {@link BpfAttr}. Like the kernel it reads {@code attr_size} bytes and treats the rest of the
 * union as zero; pointer fields are followed into loader memory.
 */
final class AttrDecoder {
  static final int MAX_LICENSE = 128;

  private final Memory memory;
  private final byte[] attr = new byte[UNION_SIZE];

  AttrDecoder(Memory memory, long addr, long size) throws BadInputException {
    this.memory = memory;
    byte[] given = memory.read(addr, Math.min(size, UNION_SIZE));
    System.arraycopy(given, 0, attr, 0, given.length);
  }

  Bytes raw() {
    return Bytes.of(attr);
  }

  int u32(int off) {
    return (int) u(off, 4);
  }

  long u64(int off) {
    return u(off, 8);
  }

  private long u(int off, int size) {
    boolean le = memory.order() == java.nio.ByteOrder.LITTLE_ENDIAN;
    long v = 0;
    for (int i = 0; i < size; i++) {
      int idx = le ? off + size - 1 - i : off + i;
      v = v << 8 | (attr[idx] & 0xff);
    }
    return v;
  }

  String name(int off) {
    int end = off;
    while (end < off + OBJ_NAME_LEN && attr[end] != 0) {
      end++;
    }
    return new String(attr, off, end - off, StandardCharsets.ISO_8859_1); // kernel names are ASCII
  }

  /** {@code count * recSize} bytes at the pointer in field {@code off}; empty when count is 0. */
  Bytes pointee(int off, long count, long recSize, String field) throws BadInputException {
    long len = (count & 0xffffffffL) * (recSize & 0xffffffffL);
    if (len == 0) {
      return Bytes.EMPTY;
    }
    long ptr = u64(off);
    try {
      return Bytes.of(memory.read(ptr, len));
    } catch (BadInputException e) {
      throw new BadInputException("attr field " + field + ": " + e.getMessage(), e);
    }
  }

  BtfLoad btfLoad() throws BadInputException {
    return new BtfLoad(pointee(BTF_BTF, u32(BTF_SIZE), 1, "btf"), u32(BTF_LOG_LEVEL), u32(BTF_LOG_SIZE));
  }

  MapCreate mapCreate() {
    return new MapCreate(
        u32(MAP_TYPE), u32(MAP_KEY_SIZE), u32(MAP_VALUE_SIZE), u32(MAP_MAX_ENTRIES), u32(MAP_FLAGS),
        u32(MAP_INNER_MAP_FD), u32(MAP_NUMA_NODE), name(MAP_NAME), u32(MAP_IFINDEX), u32(MAP_BTF_FD),
        u32(MAP_BTF_KEY_TYPE_ID), u32(MAP_BTF_VALUE_TYPE_ID), u32(MAP_BTF_VMLINUX_VALUE_TYPE_ID), u64(MAP_EXTRA));
  }

  MapUpdateElem mapUpdateElem(int keySize, int valueSize) throws BadInputException {
    return new MapUpdateElem(
        u32(ELEM_MAP_FD), pointee(ELEM_KEY, keySize, 1, "key"), pointee(ELEM_VALUE, valueSize, 1, "value"), u64(ELEM_FLAGS));
  }

  MapFreeze mapFreeze() {
    return new MapFreeze(u32(FREEZE_MAP_FD));
  }

  ProgLoad progLoad() throws BadInputException {
    long licensePtr = u64(PROG_LICENSE);
    String license;
    try {
      license = licensePtr == 0 ? "" : memory.readCString(licensePtr, MAX_LICENSE);
    } catch (BadInputException e) {
      throw new BadInputException("attr field license: " + e.getMessage(), e);
    }
    long fdArray = u64(PROG_FD_ARRAY);
    return new ProgLoad(
        u32(PROG_TYPE),
        u32(PROG_INSN_CNT),
        pointee(PROG_INSNS, u32(PROG_INSN_CNT), 8, "insns"),
        license,
        u32(PROG_LOG_LEVEL),
        u32(PROG_LOG_SIZE),
        u32(PROG_KERN_VERSION),
        u32(PROG_FLAGS),
        name(PROG_NAME),
        u32(PROG_IFINDEX),
        u32(PROG_EXPECTED_ATTACH_TYPE),
        u32(PROG_BTF_FD),
        u32(PROG_FUNC_INFO_REC_SIZE),
        pointee(PROG_FUNC_INFO, u32(PROG_FUNC_INFO_CNT), u32(PROG_FUNC_INFO_REC_SIZE), "func_info"),
        u32(PROG_FUNC_INFO_CNT),
        u32(PROG_LINE_INFO_REC_SIZE),
        pointee(PROG_LINE_INFO, u32(PROG_LINE_INFO_CNT), u32(PROG_LINE_INFO_REC_SIZE), "line_info"),
        u32(PROG_LINE_INFO_CNT),
        u32(PROG_ATTACH_BTF_ID),
        u32(PROG_ATTACH_BTF_OBJ_FD),
        u32(PROG_CORE_RELO_CNT),
        fdArray == 0 ? -1 : Memory.blobOffset(fdArray),
        pointee(PROG_CORE_RELOS, u32(PROG_CORE_RELO_CNT), u32(PROG_CORE_RELO_REC_SIZE), "core_relos"),
        u32(PROG_CORE_RELO_REC_SIZE));
  }

  /** Whether bytes past the union that the caller claims to pass are all zero (else -E2BIG). */
  static boolean tailIsZero(Memory memory, long addr, long size) throws BadInputException {
    if (size <= UNION_SIZE) {
      return true;
    }
    for (byte b : memory.read(addr + UNION_SIZE, size - UNION_SIZE)) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
