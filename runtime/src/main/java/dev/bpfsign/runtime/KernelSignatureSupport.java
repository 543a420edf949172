package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.ProgLoadAttrs;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Whether this kernel checks loader signatures, found by doing it: load a two-instruction
 * syscall program with a junk signature. A kernel that verifies rejects the junk as a malformed
 * PKCS#7 (EBADMSG); one without PKCS#7 verification says EOPNOTSUPP; one without the 6.18
 * fields says E2BIG. Probed once per process.
 */
public final class KernelSignatureSupport {
  /** The probe's outcome. */
  public enum Result {
    VERIFIES,
    NO_PKCS7_VERIFICATION,
    NO_SIGNATURE_FIELDS,
    NOT_PERMITTED,
    UNKNOWN
  }

  /** {@code r0 = 0; exit}. */
  static final byte[] RETURN_ZERO = {
    (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,
    (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
  };

  private static volatile Probe cached;

  /** The outcome and the errno it came from. */
  public record Probe(Result result, int errno) {}

  private KernelSignatureSupport() {}

  public static Probe probe() {
    Probe p = cached;
    if (p == null) {
      p = run();
      cached = p;
    }
    return p;
  }

  private static Probe run() {
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      MemorySegment insns = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, RETURN_ZERO);
      MemorySegment junk = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, new byte[] {0x30, 0, 0, 0});
      int fd = bpf.progLoad(new ProgLoadAttrs(Bpf.PROG_TYPE_SYSCALL, Bpf.F_SLEEPABLE, "bpfsign_probe", "GPL", insns,
          MemorySegment.NULL, junk, 0 /* builtin */, MemorySegment.NULL, 0));
      Sys.close(fd); // a junk signature accepted: nothing we can rely on
      return new Probe(Result.UNKNOWN, 0);
    } catch (SyscallException e) {
      Result r = switch (e.errno()) {
        case Errno.EBADMSG, Errno.EKEYREJECTED, Errno.ENOKEY, Errno.ENOPKG -> Result.VERIFIES;
        case Errno.EOPNOTSUPP -> Result.NO_PKCS7_VERIFICATION;
        case Errno.E2BIG -> Result.NO_SIGNATURE_FIELDS;
        case Errno.EPERM -> Result.NOT_PERMITTED;
        default -> Result.UNKNOWN;
      };
      return new Probe(r, e.errno());
    }
  }
}
