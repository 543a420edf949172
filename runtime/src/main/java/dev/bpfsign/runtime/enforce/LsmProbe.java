package dev.bpfsign.runtime.enforce;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.VmlinuxSymbols;
import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Whether this kernel loads BPF LSM programs, found by doing it: a two-instruction
 * {@code lsm/bpf_prog_load} program that allows everything, loaded and closed (never attached).
 */
public final class LsmProbe {
  /** {@code BPF_PROG_TYPE_LSM}, {@code BPF_LSM_MAC}, {@code BTF_KIND_FUNC}. */
  private static final int PROG_TYPE_LSM = 29;
  private static final int BTF_KIND_FUNC = 12;
  static final String HOOK = "bpf_lsm_bpf_prog_load";
  /** {@code r0 = 0; exit}: allow. */
  private static final byte[] ALLOW = {
    (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,
    (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
  };

  /** The answer: whether it loads, and the one line that says why not. */
  public record Result(boolean loads, int errno, String detail) {}

  private LsmProbe() {}

  public static Result probe() {
    if (!Sys.supported()) {
      return new Result(false, 0, "not Linux on a supported architecture");
    }
    long btfId;
    try {
      btfId = VmlinuxSymbols.read(VmlinuxSymbols.DEFAULT_BTF).btfFindByNameKind(HOOK, BTF_KIND_FUNC);
    } catch (BadInputException e) {
      return new Result(false, 0, "no vmlinux BTF to find the " + HOOK + " hook in: " + e.getMessage());
    }
    if (btfId <= 0) {
      return new Result(false, 0, "the kernel's BTF has no " + HOOK + " (CONFIG_BPF_LSM is off)");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment insns = arena.allocateFrom(ValueLayout.JAVA_BYTE, ALLOW);
      int fd = new Bpf(arena).progLoadAttached(PROG_TYPE_LSM, Enforcement.LSM_MAC, (int) btfId, "bpfsign_lsm",
          "GPL", insns);
      Sys.close(fd);
      return new Result(true, 0, "loaded an lsm/bpf_prog_load program (not attached)");
    } catch (SyscallException e) {
      return new Result(false, e.errno(), "BPF_PROG_LOAD of an lsm/bpf_prog_load program: " + Errno.describe(e.errno())
          + (e.errno() == Errno.EPERM ? " — " + Enforcement.LSM_REFUSED : ""));
    }
  }
}
