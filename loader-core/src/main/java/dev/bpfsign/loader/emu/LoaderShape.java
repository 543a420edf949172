package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.insn.Opcodes.*;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.insn.Helpers;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.loader.insn.Reg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that a loader program has the shape libbpf's gen_loader emits, statically over the
 * instructions and dynamically by emulating it. Problem codes are stable:
 * <ul>
 *   <li>{@code UNDECODABLE} — the instructions do not decode
 *   <li>{@code HELPER_NOT_ALLOWED} — a helper other than the seven a loader uses
 *   <li>{@code CALL_NOT_HELPER} — a BPF-to-BPF or kfunc call
 *   <li>{@code BPF_CMD_NOT_ALLOWED} — a {@code bpf_sys_bpf} command other than BTF_LOAD,
 *       MAP_CREATE, MAP_UPDATE_ELEM, MAP_FREEZE, PROG_LOAD (static or emulated)
 *   <li>{@code BPF_CMD_UNKNOWN} — no {@code r1 = cmd} right before a {@code bpf_sys_bpf} call
 *   <li>{@code BLOB_OFFSET_OUT_OF_RANGE} — a {@code map_idx_value} offset at or past the blob's end
 *   <li>{@code MAP_INDEX_NOT_ZERO} — a map reference to an fd_array index other than 0
 *   <li>{@code PSEUDO_SOURCE_NOT_ALLOWED} — an ld_imm64 of a map fd, BTF id or function
 *   <li>{@code OPCODE_NOT_ALLOWED} — packet loads or invalid opcodes
 *   <li>{@code BAD_REGISTER} — a register number above 10
 *   <li>{@code JUMP_OUT_OF_RANGE} — a jump outside the program or into an ld_imm64
 *   <li>{@code BACKWARD_JUMP} — a backward jump that does not land on the cleanup label
 *   <li>{@code NO_EXIT_AT_END} — the last instruction is not {@code exit}
 *   <li>{@code EMULATION_FAILED} — the emulator stopped on it (message says where)
 *   <li>{@code LOADER_RETURNS_ERROR} — it runs but returns an error (e.g. its hash check fails)
 * </ul>
 */
public final class LoaderShape {
  public static final Set<Integer> ALLOWED_HELPERS = Set.of(
      Helpers.TRACE_PRINTK, Helpers.PROBE_READ_KERNEL, Helpers.COPY_FROM_USER, Helpers.SYS_BPF,
      Helpers.BTF_FIND_BY_NAME_KIND, Helpers.SYS_CLOSE, Helpers.KALLSYMS_LOOKUP_NAME);
  public static final Set<Integer> ALLOWED_COMMANDS = Set.of(
      BpfAttr.BTF_LOAD, BpfAttr.MAP_CREATE, BpfAttr.MAP_UPDATE_ELEM, BpfAttr.MAP_FREEZE, BpfAttr.PROG_LOAD);
  /** How far back from {@code call bpf_sys_bpf} gen_loader's {@code r1 = cmd} sits, in slots. */
  static final int CMD_WINDOW = 6;

  private LoaderShape() {}

  /** Checks statically and by emulating the loader with the default kernel. */
  public static List<ShapeProblem> check(LoaderFile loader) {
    return check(loader, null);
  }

  /**
   * Checks statically and against an emulation the caller already ran ({@link Emulator#run}),
   * so a verifier needs one run for both the manifest and the shape; {@code run == null} means
   * "emulate here".
   */
  public static List<ShapeProblem> check(LoaderFile loader, Emulation run) {
    List<ShapeProblem> problems = new ArrayList<>();
    List<Insn> insns;
    try {
      insns = InsnCodec.decode(loader.insns(), loader.order());
    } catch (BadInputException e) {
      problems.add(new ShapeProblem("UNDECODABLE", -1, e.getMessage()));
      return problems;
    }
    checkStatic(insns, loader.data().length(), problems);
    if (run == null) {
      checkDynamic(loader, problems);
    } else {
      checkRun(run, problems);
    }
    return problems;
  }

  private static void checkStatic(List<Insn> insns, int blobSize, List<ShapeProblem> problems) {
    int slots = InsnCodec.slotCount(insns);
    boolean[] starts = new boolean[slots + 1];
    int[] slotOf = new int[insns.size()];
    for (int i = 0, s = 0; i < insns.size(); s += insns.get(i).width(), i++) {
      starts[s] = true;
      slotOf[i] = s;
    }
    int cleanup = -1;
    for (int i = 0; i < insns.size(); i++) {
      Insn insn = insns.get(i);
      int slot = slotOf[i];
      if (insn.dst() > Reg.MAX || (insn.src() > Reg.MAX && insn.opcode() != LD_IMM64 && !insn.isJumpClass())) {
        problems.add(new ShapeProblem("BAD_REGISTER", slot, "register number above 10"));
      }
      if (insn.opcode() == LD_IMM64) {
        checkLdImm64(insn, slot, blobSize, problems);
      } else if (insn.cls() == LD) {
        problems.add(new ShapeProblem("OPCODE_NOT_ALLOWED", slot, "opcode 0x" + Integer.toHexString(insn.opcode()) + " (packet load)"));
      } else if (insn.opcode() == (JMP | CALL)) {
        checkCall(insns, i, slotOf, problems);
      } else if (insn.isJumpClass() && insn.op() != EXIT && insn.op() != CALL) {
        int target = slot + 1 + (insn.cls() == JMP32 && insn.op() == JA ? insn.imm() : insn.off());
        if (cleanup < 0 && insn.opcode() == (JMP | JA)) {
          cleanup = slot + 1; // the prologue's goto jumps over the cleanup block, which starts here
        }
        if (target < 0 || target >= slots || !starts[target]) {
          problems.add(new ShapeProblem("JUMP_OUT_OF_RANGE", slot, "jump to slot " + target + " of " + slots));
        } else if (target <= slot && target != cleanup) {
          problems.add(new ShapeProblem("BACKWARD_JUMP", slot, "backward jump to slot " + target + ", not the cleanup label " + cleanup));
        }
      }
    }
    if (insns.isEmpty() || !insns.get(insns.size() - 1).isExit()) {
      problems.add(new ShapeProblem("NO_EXIT_AT_END", Math.max(slots - 1, 0), "the last instruction is not exit"));
    }
  }

  private static void checkLdImm64(Insn insn, int slot, int blobSize, List<ShapeProblem> problems) {
    switch (insn.src()) {
      case 0 -> {}
      case PSEUDO_MAP_IDX -> {
        if (insn.imm() != 0) {
          problems.add(new ShapeProblem("MAP_INDEX_NOT_ZERO", slot, "map_idx[" + insn.imm() + "]"));
        }
      }
      case PSEUDO_MAP_IDX_VALUE -> {
        if (insn.imm() != 0) {
          problems.add(new ShapeProblem("MAP_INDEX_NOT_ZERO", slot, "map_idx_value[" + insn.imm() + "]"));
        }
        if (Integer.toUnsignedLong(insn.imm2()) >= blobSize) {
          problems.add(new ShapeProblem("BLOB_OFFSET_OUT_OF_RANGE", slot,
              "blob offset " + Integer.toUnsignedString(insn.imm2()) + " is not inside the " + blobSize + "-byte blob"));
        }
      }
      default -> problems.add(new ShapeProblem("PSEUDO_SOURCE_NOT_ALLOWED", slot, "ld_imm64 source " + insn.src()));
    }
  }

  private static void checkCall(List<Insn> insns, int i, int[] slotOf, List<ShapeProblem> problems) {
    Insn call = insns.get(i);
    int slot = slotOf[i];
    if (call.src() != 0) {
      problems.add(new ShapeProblem("CALL_NOT_HELPER", slot, "call with source " + call.src()));
      return;
    }
    if (!ALLOWED_HELPERS.contains(call.imm())) {
      String name = Helpers.name(call.imm());
      problems.add(new ShapeProblem("HELPER_NOT_ALLOWED", slot, "helper " + (name == null ? "" : name) + "#" + call.imm()));
      return;
    }
    if (call.imm() != Helpers.SYS_BPF) {
      return;
    }
    for (int j = i - 1; j >= 0 && slot - slotOf[j] <= CMD_WINDOW; j--) {
      Insn prior = insns.get(j);
      if (prior.opcode() == (ALU64 | K | MOV) && prior.dst() == Reg.R1) {
        if (!ALLOWED_COMMANDS.contains(prior.imm())) {
          problems.add(new ShapeProblem("BPF_CMD_NOT_ALLOWED", slotOf[j], "bpf command " + commandName(prior.imm())));
        }
        return;
      }
      if (prior.dst() == Reg.R1 || prior.isJumpClass()) {
        break;
      }
    }
    problems.add(new ShapeProblem("BPF_CMD_UNKNOWN", slot, "no r1 = <command> before bpf_sys_bpf"));
  }

  private static void checkDynamic(LoaderFile loader, List<ShapeProblem> problems) {
    Emulation run;
    try {
      run = Emulator.run(loader);
    } catch (BadInputException e) {
      problems.add(new ShapeProblem("EMULATION_FAILED", -1, e.getMessage()));
      return;
    }
    checkRun(run, problems);
  }

  private static void checkRun(Emulation run, List<ShapeProblem> problems) {
    for (TraceEvent event : run.trace().events()) {
      if (event.call() instanceof KernelCall.BpfCommand cmd && !ALLOWED_COMMANDS.contains(cmd.cmd())) {
        problems.add(new ShapeProblem("BPF_CMD_NOT_ALLOWED", event.insn(), "emulated bpf command " + commandName(cmd.cmd())));
      }
    }
    if (!run.succeeded()) {
      problems.add(new ShapeProblem("LOADER_RETURNS_ERROR", -1, "the loader returns " + run.r0() + " under emulation"));
    }
  }

  private static String commandName(int cmd) {
    String name = UapiNames.command(cmd);
    return name == null ? "#" + cmd : name.toUpperCase(java.util.Locale.ROOT) + " (" + cmd + ")";
  }
}
