package dev.bpfsign.runtime.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.target.LoaderTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loader's target record against a prepared host tree: differences, and what cannot be compared. */
class HostComparisonTest {
  @TempDir Path root;

  private void write(String path, String text) throws Exception {
    Path f = root.resolve(path.substring(1));
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.ISO_8859_1);
  }

  private static LoaderTarget target(String release, Integer version, Map<String, Long> ksyms) {
    return new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, release, version, null, new TreeMap<>(), new TreeMap<>(ksyms));
  }

  @Test
  void sameReleaseAndAddresses_noDifference() throws Exception {
    write("/proc/sys/kernel/osrelease", "7.2.0\n");
    write("/proc/kallsyms", "ffffffff81000000 T bpf_prog_put\nffffffff81000010 t other\n");
    HostComparison c = HostComparison.of(target("7.2.0", 7 << 16 | 2 << 8, Map.of("bpf_prog_put", 0xffffffff81000000L)), root);
    assertThat(c.differences()).isEmpty();
    assertThat(c.notCompared()).isEmpty();
  }

  @Test
  void otherReleaseAndAddress_areDifferences() throws Exception {
    write("/proc/sys/kernel/osrelease", "6.18.44-fc\n");
    write("/proc/kallsyms", "ffffffff81000000 T bpf_prog_put\n");
    HostComparison c = HostComparison.of(target("7.2.0", 7 << 16 | 2 << 8,
        Map.of("bpf_prog_put", 0xffffffff82000000L, "gone", 1L)), root);
    assertThat(c.differences()).containsExactly("kernel release 7.2.0 (this host: '6.18.44-fc')",
        "ksym 'bpf_prog_put' at ffffffff82000000 (this host: ffffffff81000000)",
        "ksym 'gone' at 1 (not in this host's kallsyms)");
    assertThat(c.notCompared()).isEmpty();
  }

  @Test
  void versionWithoutRelease_comparedByItsNumbers() throws Exception {
    write("/proc/sys/kernel/osrelease", "6.18.44-fc\n");
    assertThat(HostComparison.of(target(null, 6 << 16 | 18 << 8 | 44, Map.of()), root).differences()).isEmpty();
    assertThat(HostComparison.of(target(null, 7 << 16 | 2 << 8, Map.of()), root).differences())
        .containsExactly("LINUX_KERNEL_VERSION 7.2.0 (this host: release '6.18.44-fc')");
  }

  @Test
  void kallsymsHiddenFromThisUser_isNotComparedRatherThanDifferent() throws Exception {
    write("/proc/sys/kernel/osrelease", "7.2.0\n");
    write("/proc/kallsyms", "0000000000000000 T bpf_prog_put\n0000000000000000 t other\n");
    HostComparison c = HostComparison.of(target(null, null, Map.of("bpf_prog_put", 0xffffffff81000000L)), root);
    assertThat(c.differences()).isEmpty();
    assertThat(c.notCompared()).singleElement().asString().startsWith("kallsyms addresses (/proc/kallsyms shows every address as 0");
  }

  @Test
  void unreadableRelease_isNotCompared() {
    HostComparison c = HostComparison.of(target("7.2.0", 7 << 16 | 2 << 8, Map.of()), root);
    assertThat(c.differences()).isEmpty();
    assertThat(c.notCompared()).containsExactly("kernel release (cannot read /proc/sys/kernel/osrelease (no such file))");
  }

  @Test
  void noRecord_orNothingHostSpecific_readsNothing() {
    assertThat(HostComparison.of(null, root).differences()).isEmpty();
    HostComparison c = HostComparison.of(new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, null, null, 4, new TreeMap<>(),
        new TreeMap<>()), root);
    assertThat(c.notCompared()).as("the CPU count is not compared: the host is not read").isEmpty();
  }
}
