package dev.bpfsign.loader.obj;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Re-encodes a little-endian ELF64 object with its symbol table and relocation records in
 * another order that means the same object: local symbols permuted among themselves, globals
 * among themselves (ELF keeps locals first), every relocation's symbol index rewritten to
 * follow, and each relocation section's records permuted. Section order is kept: it is
 * meaningful to libbpf (map and program order follow it).
 */
final class ElfShuffle {
  private static final int SHT_SYMTAB = 2;
  private static final int SHT_REL = 9;
  private static final int SYM_SIZE = 24;
  private static final int REL_SIZE = 16;

  private ElfShuffle() {}

  static byte[] shuffle(byte[] image, long seed) {
    byte[] out = image.clone();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    Random random = new Random(seed);
    long shoff = b.getLong(0x28);
    int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
    int shnum = Short.toUnsignedInt(b.getShort(0x3c));
    int symOff = -1;
    int symCount = 0;
    int firstGlobal = 0;
    for (int i = 0; i < shnum; i++) {
      int h = (int) shoff + i * shentsize;
      if (b.getInt(h + 4) == SHT_SYMTAB) {
        symOff = (int) b.getLong(h + 0x18);
        symCount = (int) (b.getLong(h + 0x20) / SYM_SIZE);
        firstGlobal = b.getInt(h + 0x2c);
      }
    }
    // newIndex[old] = new
    List<Integer> locals = range(1, firstGlobal);
    List<Integer> globals = range(firstGlobal, symCount);
    Collections.shuffle(locals, random);
    Collections.shuffle(globals, random);
    List<Integer> order = new ArrayList<>();
    order.add(0);
    order.addAll(locals);
    order.addAll(globals);
    int[] newIndex = new int[symCount];
    for (int pos = 0; pos < symCount; pos++) {
      newIndex[order.get(pos)] = pos;
      System.arraycopy(image, symOff + order.get(pos) * SYM_SIZE, out, symOff + pos * SYM_SIZE, SYM_SIZE);
    }
    for (int i = 0; i < shnum; i++) {
      int h = (int) shoff + i * shentsize;
      if (b.getInt(h + 4) != SHT_REL) {
        continue;
      }
      int off = (int) b.getLong(h + 0x18);
      int n = (int) (b.getLong(h + 0x20) / REL_SIZE);
      List<Integer> recs = range(0, n);
      Collections.shuffle(recs, random);
      ByteBuffer src = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
      for (int pos = 0; pos < n; pos++) {
        int from = off + recs.get(pos) * REL_SIZE;
        long rOffset = src.getLong(from);
        long info = src.getLong(from + 8);
        int sym = (int) (info >>> 32);
        long newInfo = ((long) newIndex[sym] << 32) | (info & 0xffffffffL);
        b.putLong(off + pos * REL_SIZE, rOffset);
        b.putLong(off + pos * REL_SIZE + 8, newInfo);
      }
    }
    return out;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(i);
    }
    return l;
  }
}
