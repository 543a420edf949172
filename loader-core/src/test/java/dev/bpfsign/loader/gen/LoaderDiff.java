package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.insn.Disassembler;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

/** Describes where two loaders first differ, with disassembly or hex of both sides. */
final class LoaderDiff {
  private static final int CONTEXT = 3;

  private LoaderDiff() {}

  static String insns(byte[] expected, byte[] actual) {
    List<Insn> e;
    List<Insn> a;
    try {
      e = InsnCodec.decode(expected, ByteOrder.LITTLE_ENDIAN);
      a = InsnCodec.decode(actual, ByteOrder.LITTLE_ENDIAN);
    } catch (BadInputException ex) {
      return "undecodable: " + ex.getMessage();
    }
    int i = 0;
    while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
      i++;
    }
    StringBuilder out = new StringBuilder("first differing instruction #" + i + " (expected " + e.size() + ", got " + a.size() + ")\n");
    for (int k = Math.max(0, i - CONTEXT); k < Math.max(e.size(), a.size()) && k <= i + CONTEXT; k++) {
      out.append(String.format("%5d  bpftool: %-50s ours: %s%n", k,
          k < e.size() ? Disassembler.text(e.get(k)) : "-", k < a.size() ? Disassembler.text(a.get(k)) : "-"));
    }
    return out.toString();
  }

  static String data(byte[] expected, byte[] actual) {
    int i = 0;
    while (i < expected.length && i < actual.length && expected[i] == actual[i]) {
      i++;
    }
    int from = Math.max(0, i - 8) & ~7;
    return "first differing blob offset " + i + " (expected " + expected.length + " bytes, got " + actual.length + ")\n"
        + "  bpftool: " + hex(expected, from) + "\n  ours:    " + hex(actual, from);
  }

  private static String hex(byte[] b, int from) {
    int to = Math.min(b.length, from + 32);
    return from >= to ? "-" : from + ": " + HexFormat.ofDelimiter(" ").formatHex(b, from, to);
  }
}
