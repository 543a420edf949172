package dev.bpfsign.signer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian unstable's cloud kernel (it verifies PKCS#7 signatures on BPF_PROG_LOAD) booted under
 * qemu with an initramfs whose /init is a static test program. Software emulation: no KVM needed.
 */
final class KernelVm {
  /** Fetches the kernel package into a per-user cache (once) with the project's script. */
  static final Path FETCH_SCRIPT = Path.of("src/test/kernel-vm/fetch-kernel.sh");
  static final Path TEST_PROGRAM = Path.of("src/test/kernel-vm/signed-load.c");

  private KernelVm() {}

  static Path cacheDir() {
    String override = System.getenv("BPFSIGN_KERNEL_CACHE");
    return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".cache", "bpfsign", "kernel");
  }

  /** Debian experimental: Linux 7.3 (rc), the first kernel that verifies the folded scheme. */
  static final String EXPERIMENTAL = "experimental";

  /** The vmlinuz path; skips (fails under BPFSIGN_REQUIRE_KERNEL=1) when it cannot be fetched. */
  static Path kernel() throws IOException, InterruptedException {
    return kernel("sid");
  }

  /** The cloud kernel of a Debian suite ({@code sid}: 7.2; {@link #EXPERIMENTAL}: 7.3), cached per suite. */
  static Path kernel(String suite) throws IOException, InterruptedException {
    Path cache = suite.equals("sid") ? cacheDir() : cacheDir().resolveSibling(cacheDir().getFileName() + "-" + suite);
    Files.createDirectories(cache);
    ExternalTools.Result r = ExternalTools.run(List.of("sh", FETCH_SCRIPT.toAbsolutePath().toString(), cache.toString(),
        suite), cache, Map.of(), 900);
    String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
    ExternalTools.require(r.exitCode() == 0 && Files.isRegularFile(Path.of(last)),
        "the Debian " + suite + " kernel package could not be fetched: " + last);
    return Path.of(last);
  }

  /** Compiles the test program statically with the host gcc. */
  static Path compileInit(Path dir) throws IOException, InterruptedException {
    ExternalTools.require(ExternalTools.onPath("gcc").isPresent(), "gcc is not installed (apt-get install gcc libc6-dev)");
    ExternalTools.Result libc = ExternalTools.run(List.of("gcc", "-print-file-name=libc.a"), dir, Map.of(), 60);
    ExternalTools.require(libc.exitCode() == 0 && Files.isRegularFile(Path.of(libc.output().strip())),
        "gcc has no static libc.a (apt-get install libc6-dev)");
    Path init = dir.resolve("init");
    ExternalTools.Result cc = ExternalTools.run(List.of("gcc", "-static", "-O2", "-Wall", "-Werror", "-o",
        init.toString(), TEST_PROGRAM.toAbsolutePath().toString()), dir, Map.of(), 120);
    if (cc.exitCode() != 0) {
      throw new AssertionError("compiling the kernel test program failed:\n" + cc.output());
    }
    return init;
  }

  /** Boots the kernel with the initramfs; returns the console output. {@code noapic}: under a loaded host, TCG can miss the IO-APIC timer check and the kernel panics at boot. */
  static String boot(Path kernel, Path initramfs, long timeoutSeconds) throws IOException, InterruptedException {
    ExternalTools.require(ExternalTools.onPath("qemu-system-x86_64").isPresent(),
        "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
    ExternalTools.Result r = ExternalTools.run(List.of("qemu-system-x86_64", "-m", "1024", "-smp", "1",
        "-nographic", "-no-reboot", "-kernel", kernel.toString(), "-initrd", initramfs.toString(),
        "-append", "console=ttyS0 rdinit=/init panic=-1 quiet noapic"), initramfs.getParent(), Map.of(), timeoutSeconds);
    return r.output();
  }
}
