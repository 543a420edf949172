package dev.bpfsign.runtime.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.target.TargetProfile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a host's profile from a prepared /proc, /sys and /boot tree, as libbpf reads them. */
class HostTargetTest {
  @TempDir Path root;

  private void write(String path, String text) throws Exception {
    Path f = root.resolve(path.substring(1));
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.ISO_8859_1);
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  @Test
  void capture_everyInput_readAsLibbpfReadsIt() throws Exception {
    write("/proc/sys/kernel/osrelease", "6.18.44-fc-v669\n");
    Files.createDirectories(root.resolve("proc"));
    Files.write(root.resolve("proc/config.gz"), gzip("# comment\nCONFIG_HZ=250\nCONFIG_BPF=y\nCONFIG_HZ=100\n"));
    write("/sys/devices/system/cpu/possible", "0-3,8\n");
    write("/proc/kallsyms", "ffffffff81000000 T _text\nffffffff81000010 t dup\nffffffff81000020 t dup\n"
        + "ffffffff81000030 d foo.llvm.123\n");

    HostTarget.Capture c = HostTarget.capture(root, true, Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(c.unreadable()).isEmpty();
    TargetProfile p = c.profile();
    assertThat(p.kernelRelease()).isEqualTo("6.18.44-fc-v669");
    assertThat(p.linuxKernelVersion()).isEqualTo(6 << 16 | 18 << 8 | 44);
    assertThat(p.possibleCpus()).isEqualTo(5);
    assertThat(p.kconfig()).containsEntry("CONFIG_HZ", "250").containsEntry("CONFIG_BPF", "y").hasSize(2);
    assertThat(p.kallsyms()).containsEntry("_text", 0xffffffff81000000L).containsEntry("foo", 0xffffffff81000030L)
        .containsEntry("dup", null);
    assertThat(p.sources()).containsEntry("kconfig", "/proc/config.gz").containsEntry("kallsyms", "/proc/kallsyms");
    assertThat(p.capturedAt()).isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void capture_bootConfigComesFirst_andUbuntuSignatureGivesTheVersion() throws Exception {
    write("/proc/sys/kernel/osrelease", "5.15.0-91-generic\n");
    write("/boot/config-5.15.0-91-generic", "CONFIG_HZ=1000\n");
    Files.write(root.resolve("proc/config.gz"), gzip("CONFIG_HZ=250\n"));
    write("/proc/version_signature", "Ubuntu 5.15.0-91.101-generic 5.15.131\n");

    TargetProfile p = HostTarget.capture(root, false, null).profile();

    assertThat(p.kconfig()).containsEntry("CONFIG_HZ", "1000");
    assertThat(p.kernelVersion()).isEqualTo("5.15.131");
    assertThat(p.linuxKernelVersion()).isEqualTo(5 << 16 | 15 << 8 | 131);
    assertThat(p.kallsyms()).isNull();
  }

  @Test
  void capture_missingInputs_eachNamedInOneLineAndLeftOut() throws Exception {
    write("/proc/sys/kernel/osrelease", "7.3-rc7\n");
    write("/proc/kallsyms", "0000000000000000 T _text\n0000000000000000 T bpf_prog_put\n");

    HostTarget.Capture c = HostTarget.capture(root, true, null);

    assertThat(c.unreadable()).containsExactly(
        "kconfig: cannot read /boot/config-7.3-rc7 (no such file) or /proc/config.gz (no such file); left out",
        "possible_cpus: cannot read /sys/devices/system/cpu/possible (no such file); left out",
        "kallsyms: /proc/kallsyms shows every address as 0 (kernel.kptr_restrict hides them from this user); left out");
    assertThat(c.profile().kconfig()).isNull();
    assertThat(c.profile().possibleCpus()).isNull();
    // libbpf's get_kernel_version needs three numbers: none for 7.3-rc7
    assertThat(c.profile().linuxKernelVersion()).isNull();
  }

  @Test
  void capture_binaryGarbageInKconfig_namedWithoutRawBytes() throws Exception {
    write("/proc/sys/kernel/osrelease", "6.18.0\n");
    write("/boot/config-6.18.0", "CONFIG_A=y\n\u0000\u00ff\u001b[2J\n");

    HostTarget.Capture c = HostTarget.capture(root, false, null);

    assertThat(c.unreadable().get(0)).startsWith("kconfig: /boot/config-6.18.0:2: not Kconfig text (binary bytes in '\\x00\\xff\\x1b[2J')");
    assertThat(c.profile().kconfig()).isNull();
  }

  @Test
  void countCpus_ranges() {
    assertThat(HostTarget.countCpus("0")).isEqualTo(1);
    assertThat(HostTarget.countCpus("0-1")).isEqualTo(2);
    assertThat(HostTarget.countCpus("0-3,8-11")).isEqualTo(8);
    assertThat(HostTarget.countCpus("x")).isNull();
    assertThat(HostTarget.countCpus("3-1")).isNull();
  }
}
