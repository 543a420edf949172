package dev.bpfsign.kerneltests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One throwaway VM running the real {@code bpfsign}: Debian's cloud kernel (fetched by
 * signer/src/test/kernel-vm/fetch-kernel.sh) booted under qemu with an initramfs holding
 * busybox-static (the shell of /init), a jlink'd Java runtime with the libraries it links, the
 * application's class path and the test's files. The test's script runs as the body of /init;
 * each {@code step NAME CMD...} prints {@code @@BEGIN NAME}, the command's output and
 * {@code @@END NAME rc=N}, which {@link Transcript} reads back.
 */
final class Guest {
  static final Path FETCH_SCRIPT = Path.of("../signer/src/test/kernel-vm/fetch-kernel.sh");
  static final Path BUSYBOX = Path.of("/bin/busybox");

  /** What /init runs before the test's script: a shell, the file systems, and the helpers. */
  private static final String PRELUDE = """
      #!/bin/busybox sh
      /bin/busybox mkdir -p /proc /sys /dev /tmp /root /sbin /usr/bin /usr/sbin
      /bin/busybox --install -s
      export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root LANG=C.UTF-8
      mount -t proc proc /proc
      mount -t sysfs sysfs /sys
      mount -t devtmpfs devtmpfs /dev 2>/dev/null
      mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
      mkdir -p /sys/fs/bpf && mount -t bpf bpf /sys/fs/bpf
      echo "@@KERNEL $(uname -r)"
      # the JVM under software emulation: C1 only and the serial GC start fastest; a script, not a
      # shell function, so that in_cgroup can exec it
      printf '%s\n' '#!/bin/sh' 'exec /java/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$(cat /app/classpath)" dev.bpfsign.cli.Main "$@"' > /bin/bpfsign
      chmod +x /bin/bpfsign
      step() { n=$1; shift; echo "@@BEGIN $n"; "$@" >/tmp/step.out 2>&1; rc=$?; cat /tmp/step.out; echo "@@END $n rc=$rc"; }
      # run a command as a member of the cgroup (directory) $1
      in_cgroup() { cg=$1; shift; sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cg" "$@"; }
      """;

  private static final String EPILOGUE = """
      echo "@@DONE"
      sync
      poweroff -f
      """;

  /** The Debian suite whose cloud kernel boots: {@code sid} (7.2) or {@code experimental} (7.3). */
  private String suite = "sid";
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, Path> hostFiles = new LinkedHashMap<>();
  private final Map<String, Path> hostDirs = new LinkedHashMap<>();

  /** Boot this Debian suite's kernel instead of unstable's (cached apart). */
  Guest suite(String debianSuite) {
    this.suite = debianSuite;
    return this;
  }

  /** A file for the guest at {@code path} (absolute in the guest). */
  Guest file(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  Guest file(String path, Path host) {
    hostFiles.put(path, host);
    return this;
  }

  /** A host directory's files for the guest under {@code path}. */
  Guest directory(String path, Path host) {
    hostDirs.put(path, host);
    return this;
  }

  /** The kernel's vmlinuz; skips (fails under BPFSIGN_REQUIRE_KERNEL=1) when it cannot be fetched. */
  static Path kernel(String suite) throws IOException, InterruptedException {
    String override = System.getenv("BPFSIGN_KERNEL_CACHE");
    Path cache = override != null ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".cache", "bpfsign", "kernel");
    if (!suite.equals("sid")) {
      cache = cache.resolveSibling(cache.getFileName() + "-" + suite);
    }
    Files.createDirectories(cache);
    Process p = new ProcessBuilder("sh", FETCH_SCRIPT.toAbsolutePath().normalize().toString(), cache.toString(), suite)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = p.waitFor(900, TimeUnit.SECONDS);
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    Required.require(done && p.exitValue() == 0 && Files.isRegularFile(Path.of(last)),
        "the Debian kernel package could not be fetched: " + last);
    return Path.of(last);
  }

  /** Packs the image, boots it with {@code script} as the body of /init, returns the transcript. */
  Transcript boot(String script, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
    Required.require(new ProcessBuilder("sh", "-c", "command -v qemu-system-x86_64").start().waitFor() == 0,
        "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
    Required.require(Files.isExecutable(BUSYBOX), "busybox-static is not installed (apt-get install busybox-static)");
    Path kernel = kernel(suite);
    Path runtime = GuestJava.runtime();
    Path image = workDir.resolve("initramfs.cpio");
    try (Cpio cpio = new Cpio(image)) {
      cpio.charDevice("dev/console", 5, 1);
      cpio.copy("bin/busybox", BUSYBOX);
      cpio.file("init", (PRELUDE + script + EPILOGUE).getBytes(StandardCharsets.UTF_8), true);
      try (Stream<Path> s = Files.walk(runtime)) {
        for (Path p : s.sorted().toList()) {
          String rel = "java/" + runtime.relativize(p);
          if (Files.isDirectory(p)) {
            cpio.directory(rel);
          } else {
            cpio.copy(rel, p);
          }
        }
      }
      for (Path lib : GuestJava.sharedLibraries(runtime)) {
        cpio.copy(lib.toString(), lib);
      }
      cpio.file("app/classpath", String.join(":", appClasspath(cpio)).getBytes(StandardCharsets.UTF_8), false);
      for (var f : files.entrySet()) {
        cpio.file(f.getKey(), f.getValue(), false);
      }
      for (var f : hostFiles.entrySet()) {
        cpio.copy(f.getKey(), f.getValue());
      }
      for (var d : hostDirs.entrySet()) {
        try (Stream<Path> s = Files.walk(d.getValue())) {
          for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
            cpio.copy(d.getKey() + "/" + d.getValue().relativize(f), f);
          }
        }
      }
    }
    List<String> command = List.of("qemu-system-x86_64", "-m", "1024", "-smp", "1", "-nographic", "-no-reboot",
        "-kernel", kernel.toString(), "-initrd", image.toString(),
        // noapic: under a loaded host, TCG can miss the IO-APIC timer check and the kernel panics at boot
        "-append", "console=ttyS0 rdinit=/init panic=-1 quiet noapic");
    Path log = workDir.resolve("console.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    String console = Files.readString(log, StandardCharsets.ISO_8859_1).replace("\r", "");
    return Transcript.parse(console, !done);
  }

  /** The application's class path entries, added to the image as /app/N(.jar). */
  private static List<String> appClasspath(Cpio cpio) throws IOException {
    String file = System.getProperty("bpfsign.app.classpath.file");
    if (file == null) {
      throw new IllegalStateException("bpfsign.app.classpath.file is not set (run through Maven)");
    }
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String e : Files.readString(Path.of(file)).strip().split(":")) {
      Path p = Path.of(e);
      String name = "app/" + i++;
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
            cpio.copy(name + "/" + p.relativize(f), f);
          }
        }
        entries.add("/" + name);
      } else {
        cpio.copy(name + ".jar", p);
        entries.add("/" + name + ".jar");
      }
    }
    return entries;
  }
}
