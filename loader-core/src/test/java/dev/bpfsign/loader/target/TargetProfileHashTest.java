package dev.bpfsign.loader.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.obj.InputsUsed;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The canonical bytes a profile's SHA-256 is taken over (docs/targets.md), and the record made from a profile. */
class TargetProfileHashTest {
  private static TargetProfile profile(String capturedAt, Map<String, String> sources) {
    Map<String, Long> kallsyms = new HashMap<>();
    kallsyms.put("zz", 0xffffffff81000000L);
    kallsyms.put("dup", null);
    return new TargetProfile("7.2.0", null, 4, new TreeMap<>(Map.of("CONFIG_B", "y", "CONFIG_A", "\"x y\"")),
        new TreeMap<>(kallsyms), new TreeMap<>(sources), capturedAt);
  }

  @Test
  void canonicalBytes_areTheDocumentedLines() {
    String expected = String.join("\n",
        "bpfsign.target/v1",
        "kernel_release 7.2.0",
        "possible_cpus 4",
        "kconfig 2",
        "CONFIG_A=\"x y\"",
        "CONFIG_B=y",
        "");
    assertThat(new String(profile(null, Map.of()).canonicalBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    assertThat(profile(null, Map.of()).sha256())
        .isEqualTo(Bytes.of(expected.getBytes(StandardCharsets.US_ASCII)).sha256());
  }

  @Test
  void sha256_ignoresKallsyms_whichChangeWithEveryBootAndEveryLoadedProgram() {
    TargetProfile p = profile(null, Map.of());
    assertThat(p.withoutKallsyms().sha256()).isEqualTo(p.sha256());
  }

  @Test
  void sha256_ignoresWhenAndWhere_butNotWhat() {
    TargetProfile a = profile("2026-01-01T00:00:00Z", Map.of("kernel_release", "/proc/sys/kernel/osrelease"));
    TargetProfile b = profile(null, Map.of());
    assertThat(a.sha256()).isEqualTo(b.sha256());
    TargetProfile other = new TargetProfile("7.2.1", null, 4, b.kconfig(), b.kallsyms(), b.sources(), null);
    assertThat(other.sha256()).isNotEqualTo(b.sha256());
    // an empty Kconfig (known: nothing set) is not an absent one (unknown)
    TargetProfile none = new TargetProfile(null, null, null, null, null, null, null);
    TargetProfile empty = new TargetProfile(null, null, null, new TreeMap<>(), null, null, null);
    assertThat(none.sha256()).isNotEqualTo(empty.sha256());
  }

  @Test
  void record_keepsTheReleaseOnlyWhenTheVersionCameFromTheProfile() {
    TargetProfile p = profile(null, Map.of());
    InputsUsed version = new InputsUsed(7 << 16 | 2 << 8, null, new TreeMap<>(), new TreeMap<>());
    LoaderTarget fromProfile = LoaderTarget.of(p, true, version);
    assertThat(fromProfile.origin()).isEqualTo(LoaderTarget.Origin.PROFILE);
    assertThat(fromProfile.profileSha256()).isEqualTo(p.sha256());
    assertThat(fromProfile.kernelRelease()).isEqualTo("7.2.0");
    assertThat(fromProfile.linuxKernelVersionText()).isEqualTo("7.2.0");
    assertThat(LoaderTarget.of(p, false, version).kernelRelease()).as("--kernel-version overrode it").isNull();
    assertThat(LoaderTarget.of(p, true, InputsUsed.NONE).kernelRelease()).as("the object did not use it").isNull();
    assertThat(LoaderTarget.of(p, true, InputsUsed.NONE).isWorthRecording()).as("a profile is always recorded").isTrue();
    assertThat(LoaderTarget.of(null, true, InputsUsed.NONE).isWorthRecording()).isFalse();
    assertThat(LoaderTarget.of(null, true, version).origin()).isEqualTo(LoaderTarget.Origin.OPTIONS);
  }
}
