package dev.bpfsign.loader.insn;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Instruction streams to and from bytes, in either byte order (RFC 9669 §3 / kernel-signing.md
 * §5). Each slot is {@code u8 code; u8 regs; s16 off; s32 imm}; on little-endian targets the
 * low nibble of {@code regs} is dst and the high nibble src, on big-endian the other way round.
 */
public final class InsnCodec {
  public static final int SLOT_SIZE = 8;

  private InsnCodec() {}

  public static List<Insn> decode(Bytes bytes, ByteOrder order) throws BadInputException {
    return decode(bytes.toArray(), order);
  }

  /**
   * Decodes a whole stream. Fails on a length that is not a whole number of slots, an
   * ld_imm64 cut off at the end, or an ld_imm64 whose second slot has non-zero code, registers
   * or offset (the kernel refuses those too, and they could not be encoded back).
   */
  public static List<Insn> decode(byte[] bytes, ByteOrder order) throws BadInputException {
    if (bytes.length % SLOT_SIZE != 0) {
      throw new BadInputException("instructions: length " + bytes.length + " is not a multiple of 8");
    }
    boolean le = order == ByteOrder.LITTLE_ENDIAN;
    int slots = bytes.length / SLOT_SIZE;
    List<Insn> out = new ArrayList<>(slots);
    for (int slot = 0; slot < slots; slot++) {
      int p = slot * SLOT_SIZE;
      int code = bytes[p] & 0xff;
      int regs = bytes[p + 1] & 0xff;
      int dst = le ? regs & 0xf : regs >>> 4;
      int src = le ? regs >>> 4 : regs & 0xf;
      short off = (short) u16(bytes, p + 2, le);
      int imm = s32(bytes, p + 4, le);
      int imm2 = 0;
      if (code == Opcodes.LD_IMM64) {
        if (slot + 1 >= slots) {
          throw new BadInputException("instructions: ld_imm64 at insn " + slot + " has no second slot");
        }
        int q = p + SLOT_SIZE;
        if (bytes[q] != 0 || bytes[q + 1] != 0 || bytes[q + 2] != 0 || bytes[q + 3] != 0) {
          throw new BadInputException(
              "instructions: ld_imm64 at insn " + slot + " has a second slot with non-zero code, registers or offset");
        }
        imm2 = s32(bytes, q + 4, le);
        slot++;
      }
      out.add(new Insn(code, dst, src, off, imm, imm2));
    }
    return out;
  }

  public static byte[] encode(List<Insn> insns, ByteOrder order) {
    int slots = 0;
    for (Insn insn : insns) {
      slots += insn.width();
    }
    byte[] out = new byte[slots * SLOT_SIZE];
    boolean le = order == ByteOrder.LITTLE_ENDIAN;
    int p = 0;
    for (Insn insn : insns) {
      writeSlot(out, p, insn.opcode(), insn.dst(), insn.src(), insn.off(), insn.imm(), le);
      p += SLOT_SIZE;
      if (insn.isWide()) {
        writeSlot(out, p, 0, 0, 0, 0, insn.imm2(), le);
        p += SLOT_SIZE;
      }
    }
    return out;
  }

  /** Slot count of a stream: ld_imm64 counts twice, as it does for jump offsets. */
  public static int slotCount(List<Insn> insns) {
    int slots = 0;
    for (Insn insn : insns) {
      slots += insn.width();
    }
    return slots;
  }

  /**
   * Converts an encoded stream between byte orders in place: swaps the register nibbles, off
   * and imm of every slot. Slot-local, so ld_imm64 needs no special case.
   */
  public static void swapOrder(byte[] bytes) {
    for (int p = 0; p + SLOT_SIZE <= bytes.length; p += SLOT_SIZE) {
      int regs = bytes[p + 1] & 0xff;
      bytes[p + 1] = (byte) ((regs << 4 | regs >>> 4) & 0xff);
      swap(bytes, p + 2, p + 3);
      swap(bytes, p + 4, p + 7);
      swap(bytes, p + 5, p + 6);
    }
  }

  static void writeSlot(byte[] out, int p, int code, int dst, int src, int off, int imm, boolean le) {
    out[p] = (byte) code;
    out[p + 1] = (byte) (le ? (src << 4 | dst) : (dst << 4 | src));
    if (le) {
      out[p + 2] = (byte) off;
      out[p + 3] = (byte) (off >>> 8);
      out[p + 4] = (byte) imm;
      out[p + 5] = (byte) (imm >>> 8);
      out[p + 6] = (byte) (imm >>> 16);
      out[p + 7] = (byte) (imm >>> 24);
    } else {
      out[p + 2] = (byte) (off >>> 8);
      out[p + 3] = (byte) off;
      out[p + 4] = (byte) (imm >>> 24);
      out[p + 5] = (byte) (imm >>> 16);
      out[p + 6] = (byte) (imm >>> 8);
      out[p + 7] = (byte) imm;
    }
  }

  private static int u16(byte[] b, int p, boolean le) {
    return le ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 : (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }

  private static int s32(byte[] b, int p, boolean le) {
    return le
        ? (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24
        : (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }

  private static void swap(byte[] b, int i, int j) {
    byte t = b[i];
    b[i] = b[j];
    b[j] = t;
  }
}
