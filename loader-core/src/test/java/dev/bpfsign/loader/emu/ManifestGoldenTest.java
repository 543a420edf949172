package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifest, decoded by emulation, checked against sources it never reads: the golden
 * light-skeleton header's struct members and the fixture's C source.
 */
class ManifestGoldenTest {
  static Stream<String[]> goldens() {
    return GoldenLoaders.all().stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void of_golden_programsMatchTheHeaderStruct(String fixture, String mode) throws Exception {
    Manifest manifest = Manifest.of(GoldenLoaders.load(fixture, mode));
    List<String> header = GoldenLoaders.headerPrograms(fixture, mode);

    assertThat(manifest.programs()).hasSameSizeAs(header);
    for (int i = 0; i < header.size(); i++) {
      ManifestProgram p = manifest.programs().get(i);
      assertThat(p.kernelName()).isEqualTo(truncate(header.get(i)));
      assertThat(p.name()).isEqualTo(header.get(i));
      assertThat(p.insnCount()).isPositive();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void of_golden_mapsReachingTheCtxMatchTheHeaderStruct(String fixture, String mode) throws Exception {
    Manifest manifest = Manifest.of(GoldenLoaders.load(fixture, mode));
    List<String> header = GoldenLoaders.headerMaps(fixture, mode);

    List<ManifestMap> ctxMaps = manifest.maps().stream().filter(m -> m.name() != null).toList();
    assertThat(ctxMaps).hasSameSizeAs(header);
    for (String name : header) {
      ManifestMap map = ctxMaps.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
      assertThat(kernelNameFits(map.kernelName(), name)).as(map.kernelName() + " for " + name).isTrue();
      assertThat(map.typeName()).isNotNull();
    }
    // maps outside the ctx are inner-map prototypes, named after their outer map
    manifest.maps().stream().filter(m -> m.name() == null)
        .forEach(proto -> assertThat(manifest.maps()).anyMatch(outer -> proto.kernelName().equals(outer.innerMap())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void of_golden_licenseAndAttachTargetsComeFromTheSource(String fixture, String mode) throws Exception {
    Manifest manifest = Manifest.of(GoldenLoaders.load(fixture, mode));
    String source = new String(Fixtures.source(fixture), StandardCharsets.UTF_8);

    Matcher license = Pattern.compile("SEC\\(\"license\"\\)\\s*=\\s*\"([^\"]+)\"").matcher(source);
    assertThat(license.find()).isTrue();
    assertThat(manifest.programs()).allMatch(p -> p.license().equals(license.group(1)));

    Set<String> secTargets = new TreeSet<>();
    Matcher sec = Pattern.compile("SEC\\(\"(?:tp_btf|fentry|fexit|fmod_ret|lsm|iter)(?:\\.s)?/([^\"]+)\"\\)").matcher(source);
    while (sec.find()) {
      secTargets.add(sec.group(1));
    }
    Set<String> attachTargets = manifest.programs().stream().map(ManifestProgram::attachTarget)
        .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    assertThat(attachTargets).isEqualTo(secTargets);
  }

  @Test
  void of_kfuncsKsyms_namesEveryExternOfTheSource() throws Exception {
    String source = new String(Fixtures.source(Fixtures.KFUNCS_KSYMS), StandardCharsets.UTF_8);
    Set<String> externFuncs = new TreeSet<>();
    Set<String> externSyms = new TreeSet<>();
    Matcher m = Pattern.compile("extern [^;]*?(\\w+)\\s*(\\([^;]*\\))?\\s*__ksym").matcher(source);
    while (m.find()) {
      (m.group(2) != null ? externFuncs : externSyms).add(m.group(1));
    }
    Manifest manifest = Manifest.of(GoldenLoaders.load(Fixtures.KFUNCS_KSYMS, Fixtures.SIGNED));

    Set<String> kfuncs = new HashSet<>();
    Set<String> ksyms = new HashSet<>();
    manifest.programs().forEach(p -> {
      kfuncs.addAll(p.kfuncs());
      ksyms.addAll(p.ksyms());
    });
    assertThat(kfuncs).isEqualTo(externFuncs);
    assertThat(ksyms).isEqualTo(externSyms);
  }

  @Test
  void of_globalData_rodataIsFrozenAndCarriesTheSectionContents() throws Exception {
    Manifest manifest = Manifest.of(GoldenLoaders.load(Fixtures.GLOBAL_DATA, Fixtures.PLAIN));
    assertThat(manifest.maps()).filteredOn(m -> m.kernelName().endsWith(".rodata")).singleElement()
        .satisfies(m -> {
          assertThat(m.frozen()).isTrue();
          assertThat(m.initialValueSha256()).isNotNull();
          assertThat(m.maxEntries()).isEqualTo(1);
        });
    assertThat(manifest.btf().size()).isPositive();
  }

  @Test
  void of_signedGoldenWithChangedData_throwsNamingTheReturnValue() {
    LoaderFile loader = GoldenLoaders.load(Fixtures.MAPS_BASIC, Fixtures.SIGNED);
    byte[] data = loader.data().toArray();
    data[2000] ^= 0x40;
    LoaderFile tampered = new LoaderFile(loader.name(), loader.mode(), loader.order(), loader.insns(), Bytes.of(data), loader.ctx(), List.of());
    assertThatThrownBy(() -> Manifest.of(tampered)).isInstanceOf(BadInputException.class).hasMessageContaining("-22");
  }

  /** The kernel keeps 15 characters of a name. */
  private static String truncate(String name) {
    return name.length() > 15 ? name.substring(0, 15) : name;
  }

  /**
   * libbpf's rules, loosely: user maps keep their (truncated) name; internal maps are named
   * "obj_pre.rodata" or ".data.custom" and the skeleton member is "rodata" / "data_custom".
   */
  private static boolean kernelNameFits(String kernel, String skeleton) {
    if (kernel.equals(truncate(skeleton))) {
      return true;
    }
    String section = kernel.substring(kernel.indexOf('.') + 1).replaceAll("[^A-Za-z0-9_]", "_");
    return skeleton.equals(section) || skeleton.startsWith(section) && kernel.length() == 15;
  }
}
