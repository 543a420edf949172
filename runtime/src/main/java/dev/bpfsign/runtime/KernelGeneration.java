package dev.bpfsign.runtime;

import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.ProgLoadAttrs;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Which loader variant the running kernel takes, found by behaviour, never by parsing a version
 * string (distribution kernels backport): the 6.18 signable loader opens its metadata check by
 * reading the exclusivity field of its own map ({@code r1 = map[0]; r2 = *(u32 *)(r1 + 32)}).
 * Linux 6.18 to 7.2 let a syscall program read it; Linux 7.3, which checks the map itself, refuses
 * the read with EACCES, and with it every 6.18 loader, signed or not (measured under qemu on
 * 7.2 and 7.3-rc7; docs/signing.md). So the probe loads exactly that read, unsigned, against a
 * throwaway array map: loaded → the 6.18 variant, EACCES → the 7.3 variant. Probed once per process.
 */
public final class KernelGeneration {
  /** The probe's answer, and the errno it came from (0 when it loaded). */
  public record Probe(Scheme scheme, int errno, String how) {}

  /** gen_loader's exclusivity-field offset in {@code struct bpf_map} (the 6.18 metadata check's first read). */
  static final int EXCL_FIELD_OFFSET = 32;

  /** {@code r1 = map_idx[0]; r2 = *(u32 *)(r1 + 32); r0 = 0; exit}. */
  static final byte[] READ_MAP_EXCL = {
    0x18, 0x51, 0, 0, 0, 0, 0, 0, // ld_imm64 r1, BPF_PSEUDO_MAP_IDX, fd_array[0]
    0, 0, 0, 0, 0, 0, 0, 0,
    0x61, 0x12, EXCL_FIELD_OFFSET, 0, 0, 0, 0, 0, // ldx w r2, [r1 + 32]
    (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0, // r0 = 0
    (byte) 0x95, 0, 0, 0, 0, 0, 0, 0, // exit
  };

  private static volatile Probe cached;

  private KernelGeneration() {}

  /** The scheme whose loader this kernel runs (see the class comment). */
  public static Probe probe() throws KernelRefusedException {
    Probe p = cached;
    if (p == null) {
      p = run();
      cached = p;
    }
    return p;
  }

  private static Probe run() throws KernelRefusedException {
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      int mapFd = 0;
      try {
        mapFd = bpf.mapCreate(Bpf.MAP_TYPE_ARRAY, 4, 8, 1, 0, "bpfsign_probe", MemorySegment.NULL);
        MemorySegment insns = arena.allocateFrom(ValueLayout.JAVA_BYTE, READ_MAP_EXCL);
        MemorySegment fdArray = arena.allocateFrom(ValueLayout.JAVA_INT, mapFd);
        int progFd = bpf.progLoad(new ProgLoadAttrs(Bpf.PROG_TYPE_SYSCALL, Bpf.F_SLEEPABLE, "bpfsign_probe", "GPL",
            insns, fdArray, MemorySegment.NULL, 0, MemorySegment.NULL, 0));
        Sys.close(progFd);
        return new Probe(Scheme.LINUX_6_18, 0, "a syscall program may read its map's exclusivity field");
      } catch (SyscallException e) {
        if (e.errno() == Errno.EACCES) {
          return new Probe(Scheme.LINUX_7_3, e.errno(),
              "the kernel refuses a syscall program that reads its map's exclusivity field (EACCES)");
        }
        if (e.errno() == Errno.EPERM) {
          // the probe is an unsigned load: a BPF LSM policy that admits only signed loads (bpfsign
          // enforce in kernel-verified mode) refuses it, so the variant has to be named instead
          throw new KernelRefusedException("probe which loader variant this kernel takes", e.errno(),
              "cannot probe which loader this kernel takes: the unsigned probe load was refused with EPERM "
                  + "(a BPF LSM policy such as bpfsign enforce admits only signed loads here); "
                  + "name the variant with --scheme 6.18 or --scheme 7.3");
        }
        throw new KernelRefusedException("probe which loader variant this kernel takes", e.errno(),
            "cannot tell which loader this kernel takes: the probe load failed with " + Errno.describe(e.errno()));
      } finally {
        if (mapFd > 0) {
          Sys.close(mapFd);
        }
      }
    }
  }
}
