package dev.bpfsign.loader.gen;

import static dev.bpfsign.loader.insn.Opcodes.B;
import static dev.bpfsign.loader.insn.Opcodes.DW;
import static dev.bpfsign.loader.insn.Opcodes.H;
import static dev.bpfsign.loader.insn.Opcodes.W;
import static dev.bpfsign.loader.insn.Reg.R0;
import static dev.bpfsign.loader.insn.Reg.R1;
import static dev.bpfsign.loader.insn.Reg.R2;
import static dev.bpfsign.loader.insn.Reg.R3;
import static dev.bpfsign.loader.insn.Reg.R4;
import static dev.bpfsign.loader.insn.Reg.R7;
import static dev.bpfsign.loader.insn.Reg.R8;
import static dev.bpfsign.loader.insn.Reg.R9;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.obj.ExternRelo;
import dev.bpfsign.loader.insn.Helpers;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the run-time resolution of a program's kfunc calls and ksym loads into the blob copy of
 * its instructions (gen_loader's {@code emit_relos}, {@code emit_relo_kfunc_btf}, {@code
 * emit_relo_ksym_btf}, {@code emit_relo_ksym_typeless}, {@code cleanup_relos}). A symbol used
 * twice in one program is looked up once; later uses copy imm/off from the first instruction.
 */
final class KsymRelocations {
  private static final int ENOENT = 2;
  // bpf_insn field offsets
  private static final int INSN_REGS = 1;
  private static final int INSN_OFF = 2;
  private static final int INSN_IMM = 4;
  private static final int INSN2_IMM = 8 + 4;

  /** One distinct symbol within the program being loaded ({@code ksym_desc}). */
  private static final class Desc {
    final String name;
    final int kind;
    final boolean ld64;
    int ref = 1;
    int fdSlot;
    int insn;
    boolean typeless;

    Desc(String name, int kind, boolean ld64) {
      this.name = name;
      this.kind = kind;
      this.ld64 = ld64;
    }
  }

  private final LoaderCode code;
  private final Blob blob;
  private final ByteOrder order;
  private final List<Desc> descs = new ArrayList<>();
  /** kfunc BTF fd slots in use after the 64 map slots ({@code nr_fd_array}). */
  private int kfuncSlots;

  KsymRelocations(LoaderCode code, Blob blob, ByteOrder order) {
    this.code = code;
    this.blob = blob;
    this.order = order;
  }

  void emit(List<ExternRelo> relos, int insnsOff) throws BadInputException {
    for (ExternRelo relo : relos) {
      int insn = insnsOff + 8 * relo.insnIndex();
      code.ldBlob(R8, insn);
      if (relo.ld64()) {
        if (relo.typeless()) {
          typeless(relo, insn);
        } else {
          typedKsym(relo, insn);
        }
      } else {
        kfunc(relo, insn);
      }
    }
  }

  /** Closes the module BTF fds this program's lookups opened; success or not. */
  void cleanup() {
    for (Desc d : descs) {
      if (d.ld64 && !d.typeless) {
        code.closeBlob(d.insn + INSN2_IMM);
      } else if (!d.ld64) {
        code.closeBlob(LoaderLayout.fdArraySlot(d.fdSlot));
        if (d.fdSlot < LoaderLayout.FD_ARRAY_SLOTS) {
          kfuncSlots--;
        }
      }
    }
    descs.clear();
  }

  private Desc desc(ExternRelo relo) {
    for (Desc d : descs) {
      if (d.kind == relo.btfKind() && d.ld64 == relo.ld64() && d.name.equals(relo.name())) {
        d.ref++;
        return d;
      }
    }
    Desc d = new Desc(relo.name(), relo.btfKind(), relo.ld64());
    descs.add(d);
    return d;
  }

  private int nameRecord(String name) throws BadInputException {
    byte[] b = (name + "\0").getBytes(StandardCharsets.UTF_8);
    return blob.add(b);
  }

  /** r7 = bpf_btf_find_by_name_kind(name, len, kind, 0). */
  private void findByNameKind(ExternRelo relo) throws BadInputException {
    int len = relo.name().getBytes(StandardCharsets.UTF_8).length + 1;
    int nameOff = nameRecord(relo.name());
    code.ldBlob(R1, nameOff);
    code.asm.mov64Imm(R2, len);
    code.asm.mov64Imm(R3, relo.btfKind());
    code.asm.mov64Imm(R4, 0);
    code.asm.call(Helpers.BTF_FIND_BY_NAME_KIND);
    code.asm.mov64Reg(R7, R0);
  }

  private int allocKfuncSlot() throws BadInputException {
    if (kfuncSlots == LoaderLayout.MAX_KFUNC_DESCS) {
      int cur = blob.addZeros(4);
      return cur / 4;
    }
    return LoaderLayout.MAX_USED_MAPS + kfuncSlots++;
  }

  private void kfunc(ExternRelo relo, int insn) throws BadInputException {
    Desc d = desc(relo);
    if (d.ref > 1) {
      code.blobToBlob(insn + INSN_IMM, 4, d.insn + INSN_IMM);
      code.blobToBlob(insn + INSN_OFF, 2, d.insn + INSN_OFF);
      return;
    }
    d.insn = insn;
    findByNameKind(relo);
    if (!relo.weak()) {
      code.checkErr();
    }
    int slot = allocKfuncSlot();
    if (slot > Short.MAX_VALUE) {
      throw new BadInputException(
          "kfunc '" + relo.name() + "': BTF fd slot " + slot + " does not fit in an instruction offset (too many kfuncs)");
    }
    d.fdSlot = slot;
    var a = code.asm;
    a.jsgeImm(R7, 0, 3);
    a.st(W, R8, INSN_IMM, 0);
    a.st(H, R8, INSN_OFF, 0);
    a.ja(10);
    a.stx(W, R8, R7, INSN_IMM);
    a.mov64Reg(R9, R7);
    a.rsh64Imm(R9, 32);
    code.ldBlob(R0, LoaderLayout.fdArraySlot(slot));
    a.stx(W, R0, R9, 0);
    a.jneImm(R9, 0, 2);
    a.st(H, R8, INSN_OFF, 0);
    a.ja(1);
    a.st(H, R8, INSN_OFF, slot);
  }

  private void typedKsym(ExternRelo relo, int insn) throws BadInputException {
    Desc d = desc(relo);
    var a = code.asm;
    if (d.ref > 1) {
      code.blobToBlob(insn + INSN2_IMM, 4, d.insn + INSN2_IMM);
      code.blobToBlob(insn + INSN_IMM, 4, d.insn + INSN_IMM);
      // btf_id 0 means the first lookup failed (weak): clear the pseudo source as it did
      a.jneImm(R0, 0, 3);
    } else {
      d.insn = insn;
      findByNameKind(relo);
      if (!relo.weak()) {
        code.checkErr();
      }
      a.jsgeImm(R7, 0, 3);
      a.st(W, R8, INSN_IMM, 0);
      a.st(W, R8, INSN2_IMM, 0);
      a.ja(4);
      a.stx(W, R8, R7, INSN_IMM);
      a.rsh64Imm(R7, 32);
      a.stx(W, R8, R7, INSN2_IMM);
      a.ja(3);
    }
    // clear BPF_PSEUDO_BTF_ID from src_reg, keeping dst_reg (its nibble depends on byte order)
    a.ldx(B, R9, R8, INSN_REGS);
    a.and32Imm(R9, order == ByteOrder.LITTLE_ENDIAN ? 0x0f : 0xf0);
    a.stx(B, R8, R9, INSN_REGS);
  }

  private void typeless(ExternRelo relo, int insn) throws BadInputException {
    Desc d = desc(relo);
    if (d.ref > 1) {
      code.blobToBlob(insn + INSN_IMM, 4, d.insn + INSN_IMM);
      code.blobToBlob(insn + INSN2_IMM, 4, d.insn + INSN2_IMM);
      return;
    }
    d.insn = insn;
    d.typeless = true;
    var a = code.asm;
    int len = relo.name().getBytes(StandardCharsets.UTF_8).length + 1;
    int nameOff = nameRecord(relo.name());
    int resOff = blob.addZeros(8);
    code.ldBlob(R1, nameOff);
    a.mov64Imm(R2, len);
    a.mov64Imm(R3, 0);
    code.ldBlob(R4, resOff);
    a.mov64Reg(R7, R4);
    a.call(Helpers.KALLSYMS_LOOKUP_NAME);
    a.ldx(DW, R9, R7, 0);
    a.mov64Reg(R7, R0);
    a.jeqImm(R7, -ENOENT, 1);
    code.checkErr();
    a.stx(W, R8, R9, INSN_IMM);
    a.rsh64Imm(R9, 32);
    a.stx(W, R8, R9, INSN2_IMM);
  }
}
