package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.ProgLoadAttrs;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this host is ready to admit signed BPF. Every feature is probed by using it (create
 * the map, load the program, pass the signature), never guessed from the kernel version; each
 * probe closes what it created.
 */
public final class HostDoctor {
  /** {@code *(u64 *)(r10 - 8) = 0; r2 = r10; r2 += -8; r3 = 8; r1 = BPF_MAP_FREEZE; call bpf_sys_bpf; r0 = 0; exit}. */
  private static final byte[] SLEEPABLE_SYS_BPF = {
    0x7a, 0x0a, (byte) 0xf8, (byte) 0xff, 0, 0, 0, 0,
    (byte) 0xbf, (byte) 0xa2, 0, 0, 0, 0, 0, 0,
    0x07, 0x02, 0, 0, (byte) 0xf8, (byte) 0xff, (byte) 0xff, (byte) 0xff,
    (byte) 0xb7, 0x03, 0, 0, 8, 0, 0, 0,
    (byte) 0xb7, 0x01, 0, 0, 22, 0, 0, 0,
    (byte) 0x85, 0, 0, 0, (byte) 166, 0, 0, 0,
    (byte) 0xb7, 0, 0, 0, 0, 0, 0, 0,
    (byte) 0x95, 0, 0, 0, 0, 0, 0, 0,
  };

  private HostDoctor() {}

  public static List<HostCheck> check() {
    List<HostCheck> out = new ArrayList<>();
    out.add(kernel());
    if (!Sys.supported()) {
      out.add(HostCheck.missing("bpf() allowed", "not Linux on a supported architecture", "run on Linux (x86-64 or arm64)"));
      return out;
    }
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      out.add(bpfAllowed(bpf));
      out.add(progProbe(bpf, arena, "syscall programs", KernelSignatureSupport.RETURN_ZERO, Bpf.F_SLEEPABLE,
          "needs Linux 5.14 or newer with CONFIG_BPF_SYSCALL"));
      out.add(progProbe(bpf, arena, "sleepable loaders", SLEEPABLE_SYS_BPF, Bpf.F_SLEEPABLE,
          "needs CAP_PERFMON for bpf_sys_bpf and a kernel with sleepable syscall programs (5.14+)"));
      out.addAll(exclusiveMapsAndHashes(bpf, arena));
    }
    out.add(signatures());
    out.add(keyrings());
    out.add(bpfLsm());
    out.add(bpffs());
    return out;
  }

  private static HostCheck kernel() {
    String release = read(Path.of("/proc/sys/kernel/osrelease")).strip();
    return release.isEmpty()
        ? HostCheck.missing("kernel", "cannot read /proc/sys/kernel/osrelease", "run on Linux with /proc mounted")
        : HostCheck.ok("kernel", "Linux " + release + " (" + System.getProperty("os.arch") + ")");
  }

  private static HostCheck bpfAllowed(Bpf bpf) {
    try {
      Sys.close(bpf.mapCreate(Bpf.MAP_TYPE_ARRAY, 4, 8, 1, 0, "bpfsign_doctor", MemorySegment.NULL));
      return HostCheck.ok("bpf() allowed", "created a map as uid " + uid());
    } catch (SyscallException e) {
      return HostCheck.missing("bpf() allowed", "BPF_MAP_CREATE: " + Errno.describe(e.errno()),
          fixFor(e.errno(), "enable CONFIG_BPF_SYSCALL"));
    }
  }

  /** Syscall programs must be sleepable (the kernel refuses others), so both probes are. */
  private static HostCheck progProbe(Bpf bpf, Arena arena, String name, byte[] insns, int flags, String fix) {
    try {
      MemorySegment code = arena.allocateFrom(ValueLayout.JAVA_BYTE, insns);
      Sys.close(bpf.progLoad(new ProgLoadAttrs(Bpf.PROG_TYPE_SYSCALL, flags, "bpfsign_doctor", "GPL", code,
          MemorySegment.NULL, MemorySegment.NULL, 0, MemorySegment.NULL, 0)));
      return HostCheck.ok(name, insns.length == KernelSignatureSupport.RETURN_ZERO.length
          ? "loaded a BPF_PROG_TYPE_SYSCALL program" : "loaded a sleepable syscall program that calls bpf_sys_bpf");
    } catch (SyscallException e) {
      return HostCheck.missing(name, "BPF_PROG_LOAD: " + Errno.describe(e.errno()), fixFor(e.errno(), fix));
    }
  }

  private static List<HostCheck> exclusiveMapsAndHashes(Bpf bpf, Arena arena) {
    String fix = "needs Linux 6.18 or newer";
    MemorySegment hash = arena.allocate(Bpf.SHA256_SIZE, 8);
    int fd;
    try {
      fd = bpf.mapCreate(Bpf.MAP_TYPE_ARRAY, 4, 8, 1, 0, "bpfsign_doctor", hash);
    } catch (SyscallException e) {
      String d = "BPF_MAP_CREATE with excl_prog_hash: " + Errno.describe(e.errno());
      return List.of(HostCheck.missing("exclusive maps", d, fixFor(e.errno(), fix)),
          HostCheck.missing("map hashes", "not probed: no exclusive maps", fixFor(e.errno(), fix)));
    }
    try {
      bpf.mapFreeze(fd);
      bpf.mapHash(fd);
      return List.of(HostCheck.ok("exclusive maps", "created a map exclusive to a program hash"),
          HostCheck.ok("map hashes", "froze a map and read its SHA-256"));
    } catch (SyscallException e) {
      return List.of(HostCheck.ok("exclusive maps", "created a map exclusive to a program hash"),
          HostCheck.missing("map hashes", e.call() + ": " + Errno.describe(e.errno()), fixFor(e.errno(), fix)));
    } finally {
      Sys.close(fd);
    }
  }

  private static HostCheck signatures() {
    KernelSignatureSupport.Probe p = KernelSignatureSupport.probe();
    String name = "in-kernel signature verification";
    return switch (p.result()) {
      case VERIFIES -> HostCheck.ok(name, "the kernel parsed a test signature (" + Errno.describe(p.errno()) + ")");
      case NO_PKCS7_VERIFICATION -> HostCheck.missing(name, "BPF_PROG_LOAD with a signature: EOPNOTSUPP (95)",
          "build the kernel with CONFIG_SYSTEM_DATA_VERIFICATION=y; until then bpfsign's verdict is the only gate");
      case NO_SIGNATURE_FIELDS -> HostCheck.missing(name, "BPF_PROG_LOAD with a signature: E2BIG (7)",
          "needs Linux 6.18 or newer");
      case NOT_PERMITTED -> HostCheck.missing(name, "BPF_PROG_LOAD: EPERM (1)", PRIVILEGES_FIX);
      case UNKNOWN -> HostCheck.missing(name, "unexpected answer: " + (p.errno() == 0 ? "a junk signature was accepted"
          : Errno.describe(p.errno())), "check the kernel's signed-BPF support");
    };
  }

  private static HostCheck keyrings() {
    String keys = read(Path.of("/proc/keys"));
    List<String> present = new ArrayList<>();
    for (String ring : List.of(".builtin_trusted_keys", ".secondary_trusted_keys", ".platform")) {
      for (String line : keys.split("\n")) {
        int at = line.indexOf(" keyring   " + ring + ":");
        if (at >= 0) {
          present.add(ring + " (" + line.substring(line.indexOf(':', at) + 1).strip() + ")");
        }
      }
    }
    String name = "keyrings present";
    if (present.isEmpty()) {
      return HostCheck.missing(name, "no system keyring visible in /proc/keys",
          "enable CONFIG_SYSTEM_TRUSTED_KEYRING (and CONFIG_SECONDARY_TRUSTED_KEYRING to add certificates at run time)");
    }
    boolean secondary = present.stream().anyMatch(s -> s.startsWith(".secondary"));
    return secondary
        ? HostCheck.ok(name, String.join(", ", present))
        : HostCheck.missing(name, String.join(", ", present) + "; no .secondary_trusted_keys",
            "enable CONFIG_SECONDARY_TRUSTED_KEYRING, or load with --keyring session/user/ID holding your certificate");
  }

  private static HostCheck bpfLsm() {
    String name = "BPF LSM active";
    Path lsm = Path.of("/sys/kernel/security/lsm");
    if (!Files.exists(lsm)) {
      return HostCheck.missing(name, "securityfs not mounted: cannot read the active LSMs",
          "mount -t securityfs securityfs /sys/kernel/security, then run doctor again");
    }
    String list = read(lsm).strip();
    return List.of(list.split(",")).contains("bpf")
        ? HostCheck.ok(name, "active LSMs: " + list)
        : HostCheck.missing(name, "active LSMs: " + list, "boot with CONFIG_BPF_LSM=y and lsm=" + list + ",bpf");
  }

  private static HostCheck bpffs() {
    return Bpffs.contains(Bpffs.DEFAULT_MOUNT)
        ? HostCheck.ok("bpffs mounted", Bpffs.DEFAULT_MOUNT.toString())
        : HostCheck.missing("bpffs mounted", "no BPF file system at " + Bpffs.DEFAULT_MOUNT,
            "mount -t bpf bpf " + Bpffs.DEFAULT_MOUNT + " (needed for --pin)");
  }

  private static final String PRIVILEGES_FIX = "run as root or grant CAP_BPF and CAP_PERFMON";

  /** EPERM means no privileges, whatever the feature; anything else gets the feature's fix. */
  private static String fixFor(int errno, String fix) {
    return errno == Errno.EPERM ? PRIVILEGES_FIX : fix;
  }

  private static String uid() {
    for (String line : read(Path.of("/proc/self/status")).split("\n")) {
      if (line.startsWith("Uid:")) {
        return line.substring(4).strip().split("\\s+")[1];
      }
    }
    return "?";
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
