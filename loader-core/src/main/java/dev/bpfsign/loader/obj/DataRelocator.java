package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a linked program's map, global-data and extern references for a loader ({@code
 * bpf_object__relocate_data} with {@code gen_loader} set): maps become fd_array indexes ({@code
 * BPF_PSEUDO_MAP_IDX[_VALUE]}), so the bytes are host-independent, and collects what the loader
 * must resolve at run time ({@code bpf_program_record_relos}).
 */
final class DataRelocator {
  private static final int PSEUDO_BTF_ID = 3;
  private static final int PSEUDO_FUNC = 4;
  private static final int PSEUDO_MAP_IDX = 5;
  private static final int PSEUDO_MAP_IDX_VALUE = 6;
  private static final int PSEUDO_KFUNC_CALL = 2;

  private final Btf btf;
  private final List<Extern> externs;
  private final int kconfigMapIndex;
  private final String file;

  DataRelocator(Btf btf, List<Extern> externs, int kconfigMapIndex, String file) {
    this.btf = btf;
    this.externs = externs;
    this.kconfigMapIndex = kconfigMapIndex;
    this.file = file;
  }

  void relocate(ProgState p) throws BadInputException {
    byte[] c = p.insns;
    for (Relo r : p.relos) {
      int i = r.insnIndex();
      switch (r.type()) {
        case LD64 -> {
          Slots.setSrc(c, i, PSEUDO_MAP_IDX);
          Slots.setImm(c, i, r.mapIndex());
        }
        case DATA -> {
          Slots.setImm(c, i + 1, (int) (Slots.imm(c, i) + r.symOff()));
          Slots.setSrc(c, i, PSEUDO_MAP_IDX_VALUE);
          Slots.setImm(c, i, r.mapIndex());
        }
        case EXTERN_LD64 -> {
          Extern e = externs.get(r.externIndex());
          if (e.isKconfig()) {
            Slots.setSrc(c, i, PSEUDO_MAP_IDX_VALUE);
            Slots.setImm(c, i, kconfigMapIndex);
            Slots.setImm(c, i + 1, e.desc.kcfgDataOff());
          } else if (e.desc.ksymTypeId() != 0 && e.isSet) {
            Slots.setSrc(c, i, PSEUDO_BTF_ID);
            Slots.setImm(c, i, 0);
            Slots.setImm(c, i + 1, 0);
          } else {
            Slots.setImm(c, i, (int) e.ksymAddr);
            Slots.setImm(c, i + 1, (int) (e.ksymAddr >>> 32));
          }
        }
        case EXTERN_CALL -> {
          Slots.setSrc(c, i, PSEUDO_KFUNC_CALL);
          Slots.setImm(c, i, 0);
          Slots.setOff(c, i, 0);
        }
        case SUBPROG_ADDR -> {
          if (Slots.src(c, i) != PSEUDO_FUNC) {
            throw new BadInputException(file + ": program '" + p.name + "' instruction " + i + ": bad subprogram address instruction");
          }
        }
        case CALL, CORE -> {}
      }
    }
  }

  /** The kernel symbols and CO-RE records of {@code p}, in instruction order. */
  Records records(ProgState p) {
    List<ExternRelo> ext = new ArrayList<>();
    List<CoreRelo> core = new ArrayList<>();
    for (Relo r : p.relos) {
      switch (r.type()) {
        case EXTERN_LD64 -> {
          Extern e = externs.get(r.externIndex());
          if (e.isKconfig()) {
            continue;
          }
          int kind = btf.kind(e.desc.btfId()) == BtfKind.VAR ? ExternRelo.BTF_KIND_VAR : ExternRelo.BTF_KIND_FUNC;
          ext.add(new ExternRelo(e.name, e.weak, e.isTypelessKsym(), true, kind, r.insnIndex()));
        }
        case EXTERN_CALL -> {
          Extern e = externs.get(r.externIndex());
          ext.add(new ExternRelo(e.name, e.weak, false, false, ExternRelo.BTF_KIND_FUNC, r.insnIndex()));
        }
        case CORE -> core.add(new CoreRelo(r.insnIndex() * 8, r.core().typeId(), r.core().accessStrOff(), r.core().kind()));
        default -> {}
      }
    }
    return new Records(ext, core);
  }

  record Records(List<ExternRelo> externs, List<CoreRelo> core) {}
}
