package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A program or subprogram while the object is opened and relocated ({@code struct bpf_program}):
 * its slice of the section, the code as it grows by appended subprograms, its relocations and
 * the func/line info gathered for it.
 */
final class ProgState {
  final String name;
  final int secIndex;
  final String secName;
  final int secInsnOff;
  final int secInsnCount;
  final boolean global;
  /** A global symbol with hidden/internal visibility: its BTF FUNC is made static. */
  final boolean markBtfStatic;
  final boolean autoload;
  byte[] insns;
  int insnCount;
  List<Relo> relos = new ArrayList<>();
  /** Where this subprogram sits in the main program currently being linked (0: not yet). */
  int subInsnOff;
  SectionDefs.SectionDef secDef;

  /** func_info words (insn_off already in slots of this program), or null when absent. */
  IntList funcInfo;
  int funcInfoRecSize;
  IntList lineInfo;
  int lineInfoRecSize;

  ProgState(
      String name,
      int secIndex,
      String secName,
      int secInsnOff,
      byte[] code,
      boolean global,
      boolean markBtfStatic) {
    this.name = name;
    this.secIndex = secIndex;
    this.autoload = !secName.startsWith("?");
    this.secName = autoload ? secName : secName.substring(1);
    this.secInsnOff = secInsnOff;
    this.secInsnCount = code.length / 8;
    this.global = global;
    this.markBtfStatic = markBtfStatic;
    this.insns = code; // owned: the collector made it for this program
    this.insnCount = secInsnCount;
  }

  boolean contains(int sectionInsn) {
    return sectionInsn >= secInsnOff && sectionInsn < secInsnOff + secInsnCount;
  }

  /** Appends {@code code} and returns the slot index it starts at. */
  int append(byte[] code, int slots) {
    int at = insnCount;
    if ((insnCount + slots) * 8 > insns.length) {
      insns = java.util.Arrays.copyOf(insns, Math.max((insnCount + slots) * 8, insns.length * 2));
    }
    System.arraycopy(code, 0, insns, at * 8, slots * 8);
    insnCount += slots;
    return at;
  }

  Bytes code() {
    return Bytes.of(insns, 0, insnCount * 8);
  }
}
