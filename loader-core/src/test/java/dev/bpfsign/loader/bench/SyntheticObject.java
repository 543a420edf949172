package dev.bpfsign.loader.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A BPF ELF object of a chosen size, built in memory for scaling measurements: 32 socket
 * programs in one executable section, each a run of {@code r0 = *(u64 *)&global} loads (an
 * {@code ld_imm64} relocated against {@code .data}, then a load) ending in {@code exit}, plus
 * {@code .data} and {@code license}. No BTF: generation cost here is code, relocations and
 * blob, which is what grows with object size.
 */
final class SyntheticObject {
  private static final int PROGRAMS = 32;

  private SyntheticObject() {}

  static byte[] ofSize(int bytes) {
    // every 3 code slots (24 bytes) carry one 16-byte relocation record
    int slotsPerProg = Math.max(4, bytes / PROGRAMS / 40 * 3 + 1);
    ByteBuffer code = ByteBuffer.allocate(PROGRAMS * slotsPerProg * 8).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer rel = ByteBuffer.allocate(PROGRAMS * (slotsPerProg / 3) * 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int p = 0; p < PROGRAMS; p++) {
      for (int i = 0; i + 1 < slotsPerProg; i += 3) {
        int at = code.position();
        rel.putLong(at).putLong((long) 2 << 32 | 1); // R_BPF_64_64 against symbol 2 (.data section)
        code.put((byte) 0x18).put((byte) 0x01).putShort((short) 0).putInt(8 * (i % 64)); // r1 = &data + off
        code.putLong(0);
        code.put((byte) 0x79).put((byte) 0x10).putShort((short) 0).putInt(0); // r0 = *(u64 *)(r1 + 0)
      }
      code.put((byte) 0x95).put(new byte[7]); // exit
    }
    byte[] data = new byte[4096];
    byte[] license = "GPL\0".getBytes(StandardCharsets.US_ASCII);

    ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    strtab.write(0);
    int nText = add(strtab, "socket");
    int nData = add(strtab, ".data");
    int nLic = add(strtab, "license");
    int nRel = add(strtab, ".relsocket");
    int nSym = add(strtab, ".symtab");
    int nStr = add(strtab, ".strtab");
    int[] progNames = new int[PROGRAMS];
    for (int p = 0; p < PROGRAMS; p++) {
      progNames[p] = add(strtab, "prog" + p);
    }
    byte[] str = strtab.toByteArray();

    // symbols: null, section symbol of socket (1), section symbol of .data (2), then globals
    ByteBuffer sym = ByteBuffer.allocate((3 + PROGRAMS) * 24).order(ByteOrder.LITTLE_ENDIAN);
    sym.put(new byte[24]);
    sym.putInt(0).put((byte) 3).put((byte) 0).putShort((short) 1).putLong(0).putLong(0);
    sym.putInt(0).put((byte) 3).put((byte) 0).putShort((short) 2).putLong(0).putLong(0);
    for (int p = 0; p < PROGRAMS; p++) {
      sym.putInt(progNames[p]).put((byte) 0x12).put((byte) 0).putShort((short) 1)
          .putLong((long) p * slotsPerProg * 8).putLong((long) slotsPerProg * 8);
    }

    byte[][] bodies = {code.array(), data, license, rel.array(), sym.array(), str};
    int headerSize = 64;
    long[] offsets = new long[bodies.length];
    long off = headerSize;
    for (int i = 0; i < bodies.length; i++) {
      off = (off + 7) & ~7L;
      offsets[i] = off;
      off += bodies[i].length;
    }
    long shoff = (off + 7) & ~7L;
    int shnum = bodies.length + 1;
    ByteBuffer out = ByteBuffer.allocate((int) (shoff + 64L * shnum)).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    out.putShort((short) 1).putShort((short) 247).putInt(1).putLong(0).putLong(0).putLong(shoff);
    out.putInt(0).putShort((short) 64).putShort((short) 0).putShort((short) 0).putShort((short) 64)
        .putShort((short) shnum).putShort((short) 6);
    for (int i = 0; i < bodies.length; i++) {
      out.put((int) offsets[i], bodies[i]);
    }
    out.position((int) shoff);
    out.put(new byte[64]);
    header(out, nText, 1, 0x6, offsets[0], bodies[0].length, 0, 0, 8, 0);
    header(out, nData, 1, 0x3, offsets[1], bodies[1].length, 0, 0, 8, 0);
    header(out, nLic, 1, 0x3, offsets[2], bodies[2].length, 0, 0, 1, 0);
    header(out, nRel, 9, 0, offsets[3], bodies[3].length, 5, 1, 8, 16);
    header(out, nSym, 2, 0, offsets[4], bodies[4].length, 6, 3, 8, 24);
    header(out, nStr, 3, 0, offsets[5], bodies[5].length, 0, 0, 1, 0);
    return out.array();
  }

  private static void header(ByteBuffer b, int name, int type, long flags, long off, long size, int link, int info, long align, long entsize) {
    b.putInt(name).putInt(type).putLong(flags).putLong(0).putLong(off).putLong(size)
        .putInt(link).putInt(info).putLong(align).putLong(entsize);
  }

  private static int add(ByteArrayOutputStream s, String name) {
    int at = s.size();
    s.writeBytes((name + "\0").getBytes(StandardCharsets.US_ASCII));
    return at;
  }
}
