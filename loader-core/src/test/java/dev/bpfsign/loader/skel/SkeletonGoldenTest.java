package dev.bpfsign.loader.skel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.gen.ReferenceHostInputs;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.testdata.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** skel against bpftool 7.8's headers, and import(skel(x)) = x, for every golden in both modes. */
class SkeletonGoldenTest {
  private static final Pattern RAW_TP = Pattern.compile("SEC\\(\"raw_tp/(\\w+)\"\\)\\s*\\n\\s*int\\s+(\\w+)\\s*\\(");

  static List<Arguments> goldens() {
    List<Arguments> all = new ArrayList<>();
    for (String f : Fixtures.names()) {
      all.add(Arguments.of(f, Fixtures.PLAIN));
      all.add(Arguments.of(f, Fixtures.SIGNED));
    }
    return all;
  }

  /**
   * The raw tracepoint names, read independently off the fixture's C source
   * ({@code SEC("raw_tp/NAME") int PROG(...)}).
   */
  static Map<String, String> rawTracepoints(String fixture) {
    Map<String, String> names = new LinkedHashMap<>();
    Matcher m = RAW_TP.matcher(new String(Fixtures.source(fixture), StandardCharsets.UTF_8));
    while (m.find()) {
      names.put(m.group(2), m.group(1));
    }
    return names;
  }

  private static LoaderFile imported(String fixture, String mode) throws Exception {
    return LightSkeletonReader.readLoader(Files.readAllBytes(Fixtures.header(fixture, mode)), fixture);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void write_modelOfImportedGolden_isByteIdenticalToBpftool(String fixture, String mode) throws Exception {
    LoaderFile loader = imported(fixture, mode);
    assertThat(loader.rawTracepoints()).isEqualTo(rawTracepoints(fixture));
    byte[] ours = SkeletonWriter.write(SkeletonModels.of(loader, loader.name(), Map.of()));
    String expected = Files.readString(Fixtures.header(fixture, mode), StandardCharsets.ISO_8859_1);
    assertThat(new String(ours, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
  }

  /** The fixtures with raw tracepoint programs, whose headers once needed --raw-tracepoint. */
  static List<Arguments> rawTracepointGoldens() {
    return goldens().stream().filter(a -> !rawTracepoints((String) a.get()[0]).isEmpty()).toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rawTracepointGoldens")
  void rawTracepointGoldens_areTheThreeFixturesWithRawTpPrograms(String fixture, String mode) {
    assertThat(rawTracepointGoldens()).hasSize(6);
    assertThat(fixture).isIn(Fixtures.MAPS_BASIC, Fixtures.PROG_TYPES, Fixtures.LARGE);
  }

  // Only these fixtures: for global_data, a loader from gen names the .data.static_only map by its
  // 15-character kernel name in the ctx layout where bpftool's header uses the section's name.
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rawTracepointGoldens")
  void write_ofGeneratedLoader_isByteIdenticalToBpftoolWithoutExtraNames(String fixture, String mode) throws Exception {
    BpfObject obj = ObjectReader.read(fixture + ".bpf.o", Fixtures.object(fixture), ReferenceHostInputs.of(fixture));
    LoaderFile loader = LoaderGenerator.loaderFile(obj, mode.equals(Fixtures.SIGNED) ? Mode.SIGNABLE : Mode.PLAIN);
    assertThat(loader.rawTracepoints()).isEqualTo(rawTracepoints(fixture));
    LoaderFile withGoldenSignature = mode.equals(Fixtures.SIGNED)
        ? loader.withSignatures(imported(fixture, mode).signatures()) : loader;
    byte[] ours = SkeletonWriter.write(SkeletonModels.of(withGoldenSignature, loader.name(), Map.of()));
    String expected = Files.readString(Fixtures.header(fixture, mode), StandardCharsets.ISO_8859_1);
    assertThat(new String(ours, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void write_withoutRawTracepointNames_differsOnlyInThoseAttachLines(String fixture, String mode) throws Exception {
    LoaderFile loader = imported(fixture, mode).withRawTracepoints(Map.of());
    List<String> ours = new String(SkeletonWriter.write(SkeletonModels.of(loader, loader.name(), Map.of())),
        StandardCharsets.ISO_8859_1).lines().toList();
    List<String> theirs = Files.readAllLines(Fixtures.header(fixture, mode), StandardCharsets.ISO_8859_1);
    assertThat(ours).hasSameSizeAs(theirs);
    int differing = 0;
    for (int i = 0; i < ours.size(); i++) {
      if (!ours.get(i).equals(theirs.get(i))) {
        assertThat(theirs.get(i)).startsWith("\tint fd = skel_raw_tracepoint_open(\"");
        assertThat(ours.get(i)).isEqualTo("\tint fd = ((void)prog_fd, 0); /* auto-attach not supported */");
        differing++;
      }
    }
    assertThat(differing).isEqualTo(rawTracepoints(fixture).size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void read_ofSkel_roundTripsTheLoader(String fixture, String mode) throws Exception {
    LoaderFile loader = imported(fixture, mode);
    byte[] header = SkeletonWriter.write(SkeletonModels.of(loader, loader.name(), Map.of()));
    assertThat(LightSkeletonReader.readLoader(header, "skel")).isEqualTo(loader);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void write_otherName_renamesStructFunctionsAndGuardOnly(String fixture, String mode) throws Exception {
    LoaderFile loader = imported(fixture, mode);
    String renamed = new String(SkeletonWriter.write(SkeletonModels.of(loader, "renamed_obj", Map.of())),
        StandardCharsets.ISO_8859_1);
    LightSkeleton back = LightSkeletonReader.read(renamed.getBytes(StandardCharsets.ISO_8859_1), "r");
    assertThat(back.name()).isEqualTo("renamed_obj");
    assertThat(back.insns()).isEqualTo(loader.insns());
    assertThat(renamed).contains("#ifndef __RENAMED_OBJ_SKEL_H__").contains("renamed_obj__open_and_load(void)");
  }
}
