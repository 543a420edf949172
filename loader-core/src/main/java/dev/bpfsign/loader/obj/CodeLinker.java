package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.BtfExt;
import dev.bpfsign.loader.btf.BtfExtSection;
import dev.bpfsign.loader.elf.ElfFile;
import java.util.List;

/**
 * Links each entry program with the subprograms it uses and rebases its .BTF.ext records, in
 * libbpf's order ({@code bpf_object__relocate}): CO-RE records are attached to their
 * instructions (recorded, not resolved: the kernel resolves them), subprograms are appended
 * depth-first in order of first call ({@code bpf_object__reloc_code}), and func/line info of each
 * appended piece follows it ({@code adjust_prog_btf_ext_info}).
 */
final class CodeLinker {
  private final ElfFile elf;
  private final ObjectSections sections;
  private final BtfExt ext;
  private final List<ProgState> progs;
  private final ExceptionCallbacks exceptionCallbacks;

  CodeLinker(ElfFile elf, ObjectSections sections, BtfExt ext, List<ProgState> progs, ExceptionCallbacks exceptionCallbacks) {
    this.elf = elf;
    this.sections = sections;
    this.ext = ext;
    this.progs = progs;
    this.exceptionCallbacks = exceptionCallbacks;
  }

  boolean isSubprog(ProgState p) {
    return p.secIndex == sections.textIndex;
  }

  void link() throws BadInputException {
    if (ext != null) {
      recordCore();
      for (ProgState p : progs) {
        RelocationCollector.sort(p.relos);
      }
    }
    for (ProgState p : progs) {
      for (Relo r : p.relos) {
        if (r.type() == Relo.Type.SUBPROG_ADDR) {
          Slots.setSrc(p.insns, r.insnIndex(), 4); // BPF_PSEUDO_FUNC
        }
      }
    }
    for (ProgState p : progs) {
      if (isSubprog(p) || !p.autoload) {
        continue;
      }
      for (ProgState s : progs) {
        if (isSubprog(s)) {
          s.subInsnOff = 0;
        }
      }
      relocCode(p, p);
      ProgState cb = exceptionCallbacks.of(p);
      if (cb != null && cb.subInsnOff == 0) {
        append(p, cb);
        relocCode(p, cb);
      }
    }
  }

  private int sectionIndex(String name) {
    return elf.section(name).map(s -> s.index()).orElse(0);
  }

  private void recordCore() throws BadInputException {
    for (BtfExtSection sec : ext.coreRelos()) {
      int secIndex = sectionIndex(sec.sectionName());
      for (int i = 0; i < sec.count(); i++) {
        int insnOff = sec.insnOff(i);
        if (insnOff % 8 != 0) {
          throw new BadInputException(elf.fileName() + ": .BTF.ext CO-RE record #" + i + " of section '" + sec.sectionName() + "': misaligned instruction offset " + insnOff);
        }
        int insn = Integer.divideUnsigned(insnOff, 8);
        ProgState p = ProgramCollector.find(progs, secIndex, insn);
        if (p == null || !p.autoload) {
          continue;
        }
        int local = insn - p.secInsnOff;
        CoreRelo core = new CoreRelo(0, sec.field(i, 1), sec.field(i, 2), sec.field(i, 3));
        p.relos.add(Relo.core(local, core));
      }
    }
  }

  private void relocCode(ProgState main, ProgState prog) throws BadInputException {
    rebaseExtInfo(main, prog);
    for (int i = 0; i < prog.secInsnCount; i++) {
      int at = prog.subInsnOff + i;
      boolean call = Slots.isSubprogCall(main.insns, at);
      boolean func = Slots.isPseudoFunc(main.insns, at);
      if (!call && !func) {
        continue;
      }
      Relo relo = find(prog.relos, i);
      String where = elf.fileName() + ": program '" + prog.name + "' instruction " + i;
      if (relo != null && relo.type() == Relo.Type.EXTERN_CALL) {
        continue;
      }
      if (relo != null && relo.type() != Relo.Type.CALL && relo.type() != Relo.Type.SUBPROG_ADDR) {
        throw new BadInputException(where + ": unexpected " + relo.type() + " relocation on a call");
      }
      int imm = Slots.imm(main.insns, at);
      long target;
      if (relo != null) {
        target = relo.type() == Relo.Type.CALL ? relo.symOff() / 8 + imm + 1 : (relo.symOff() + imm) / 8;
      } else if (func) {
        throw new BadInputException(where + ": subprogram address without a relocation");
      } else {
        target = (long) prog.secInsnOff + i + imm + 1;
      }
      ProgState sub = target < 0 || target > Integer.MAX_VALUE ? null : ProgramCollector.find(progs, sections.textIndex, (int) target);
      if (sub == null) {
        throw new BadInputException(where + ": calls into .text instruction " + target + ", where no subprogram is");
      }
      if (sub.subInsnOff == 0) {
        append(main, sub);
        relocCode(main, sub);
      }
      Slots.setImm(main.insns, at, sub.subInsnOff - at - 1);
    }
  }

  private static Relo find(List<Relo> relos, int insn) {
    int lo = 0;
    int hi = relos.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int v = relos.get(mid).insnIndex();
      if (v == insn) {
        return relos.get(mid);
      } else if (v < insn) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  private void append(ProgState main, ProgState sub) {
    sub.subInsnOff = main.insnCount;
    main.append(sub.insns, sub.insnCount);
    if (main != sub) {
      for (Relo r : sub.relos) {
        main.relos.add(r.shifted(sub.subInsnOff));
      }
    }
  }

  private void rebaseExtInfo(ProgState main, ProgState prog) throws BadInputException {
    if (ext == null) {
      return;
    }
    if (main == prog || main.funcInfo != null) {
      int rc = adjust(main, prog, ext.funcInfo(), true);
      if (rc != 0 && main.funcInfo != null) {
        throw new BadInputException(elf.fileName() + ": program '" + prog.name + "': missing .BTF.ext function info");
      }
    }
    if (main == prog || main.lineInfo != null) {
      int rc = adjust(main, prog, ext.lineInfo(), false);
      if (rc != 0 && main.lineInfo != null) {
        throw new BadInputException(elf.fileName() + ": program '" + prog.name + "': missing .BTF.ext line info");
      }
    }
  }

  /** Appends {@code prog}'s records to {@code main}'s; 0, or -1 when {@code prog} has none. */
  private int adjust(ProgState main, ProgState prog, List<BtfExtSection> info, boolean func) {
    for (BtfExtSection sec : info) {
      if (sectionIndex(sec.sectionName()) != prog.secIndex) {
        continue;
      }
      int first = -1;
      int end = -1;
      for (int i = 0; i < sec.count(); i++) {
        long insn = Integer.toUnsignedLong(sec.insnOff(i)) / 8;
        if (insn < prog.secInsnOff) {
          continue;
        }
        if (insn >= prog.secInsnOff + prog.secInsnCount) {
          break;
        }
        if (first < 0) {
          first = i;
        }
        end = i + 1;
      }
      if (first < 0) {
        return -1;
      }
      IntList out = func ? main.funcInfo : main.lineInfo;
      if (out == null) {
        out = new IntList();
        if (func) {
          main.funcInfo = out;
        } else {
          main.lineInfo = out;
        }
      }
      int words = sec.recordSize() / 4;
      int adj = prog.subInsnOff - prog.secInsnOff;
      for (int i = first; i < end; i++) {
        out.add(Integer.divideUnsigned(sec.insnOff(i), 8) + adj);
        for (int w = 1; w < words; w++) {
          out.add(sec.field(i, w));
        }
      }
      if (func) {
        main.funcInfoRecSize = sec.recordSize();
      } else {
        main.lineInfoRecSize = sec.recordSize();
      }
      return 0;
    }
    return -1;
  }
}
