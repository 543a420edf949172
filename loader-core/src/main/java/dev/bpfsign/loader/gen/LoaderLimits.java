package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.loader.insn.Opcodes;
import java.util.List;

/**
 * Limits the loader layout imposes, checked on the finished loader so that {@code gen} and
 * {@code import} (a bpftool-made header) refuse alike what every kernel would refuse at
 * {@code BPF_PROG_LOAD}. bpftool writes such loaders without complaint; they fail only on the
 * host. The limits are listed in {@code docs/generator.md}.
 */
public final class LoaderLimits {
  /** {@code BPF_COMPLEXITY_LIMIT_INSNS}: the most instructions a privileged program may have (E2BIG beyond). */
  public static final int MAX_INSNS = 1_000_000;
  /** {@code MAX_USED_PROGS}: the loader's stack frame holds this many program fds. */
  public static final int MAX_PROGRAMS = LoaderLayout.MAX_USED_PROGS;
  /** {@code MAX_USED_MAPS}: fd_array slots for map fds. */
  public static final int MAX_MAPS = LoaderLayout.MAX_USED_MAPS;

  private static final int R10 = 10;

  private LoaderLimits() {}

  /** Throws naming the loader, the limit, why the kernel refuses and what to do. */
  public static void check(LoaderFile loader, String source) throws BadInputException {
    if (loader.insnCount() > MAX_INSNS) {
      throw new BadInputException(source + ": the loader has " + loader.insnCount() + " instructions, more than the "
          + MAX_INSNS + " the kernel accepts in one program (E2BIG at BPF_PROG_LOAD); split the object");
    }
    if (loader.ctx().maps().size() > MAX_MAPS) {
      throw new BadInputException(source + ": " + loader.ctx().maps().size() + " maps, more than the " + MAX_MAPS
          + " a loader's fd array holds; split the object");
    }
    int slots = programFdSlots(InsnCodec.decode(loader.insns(), loader.order()));
    if (slots > MAX_PROGRAMS) {
      throw new BadInputException(source + ": the loader keeps " + slots + " program fds (subprograms count), but"
          + " libbpf's loader has " + MAX_PROGRAMS + " stack slots for them and every kernel refuses it at"
          + " BPF_PROG_LOAD (EACCES); split the object into objects of at most " + MAX_PROGRAMS + " programs");
    }
  }

  /**
   * How many program-fd slots the loader uses, read off its stack accesses: the frame is {@code
   * struct loader_stack} (btf_fd, inner_map_fd, prog_fd[32]) below r10, and the cleanup block
   * reads one slot per program, subprograms included; an access at r10+0 or above is outside it.
   */
  static int programFdSlots(List<Insn> insns) {
    int highest = Integer.MIN_VALUE;
    for (Insn i : insns) {
      int cls = i.cls();
      boolean mem = (i.opcode() & Opcodes.MODE_MASK) == Opcodes.MEM;
      boolean stack = (cls == Opcodes.LDX && i.src() == R10) || ((cls == Opcodes.STX || cls == Opcodes.ST) && i.dst() == R10);
      if (mem && stack && i.off() > highest) {
        highest = i.off();
      }
    }
    if (highest == Integer.MIN_VALUE) {
      return 0;
    }
    // prog_fd[n] sits at -STACK_SIZE + 8 + 4n
    return Math.max(0, (highest + LoaderLayout.STACK_SIZE - 8) / 4 + 1);
  }
}
