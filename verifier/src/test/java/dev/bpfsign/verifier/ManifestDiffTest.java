package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ManifestMap;
import dev.bpfsign.loader.emu.ManifestProgram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Release review: what changes between two loaders' manifests. */
class ManifestDiffTest {
  static Manifest manifest(String fixture) throws Exception {
    return Manifest.of(Goldens.signed(fixture));
  }

  @Test
  void between_sameLoader_noChanges() throws Exception {
    assertThat(ManifestDiff.between(manifest("maps_basic"), manifest("maps_basic"))).isEmpty();
  }

  @Test
  void between_differentFixtures_listsProgramsAndMapsAddedAndRemoved() throws Exception {
    List<ManifestChange> changes = ManifestDiff.between(manifest("tailcalls"), manifest("maps_basic"));

    assertThat(changes).extracting(ManifestChange::kind, ManifestChange::subject).contains(
        org.assertj.core.groups.Tuple.tuple("program.added", "program count_getpid"),
        org.assertj.core.groups.Tuple.tuple("program.removed", "program entry"),
        org.assertj.core.groups.Tuple.tuple("map.added", "map counts"),
        org.assertj.core.groups.Tuple.tuple("map.removed", "map jmp_table"));
  }

  @Test
  void between_newHelperBiggerMapNewTarget_reportedAsWidening() throws Exception {
    Manifest a = manifest("maps_basic");
    ManifestProgram p = a.programs().get(1);
    List<String> helpers = new ArrayList<>(p.helpers());
    helpers.add("bpf_probe_write_user");
    ManifestProgram p2 = new ManifestProgram(p.name(), p.kernelName(), p.type(), p.typeName(), p.expectedAttachType(),
        p.expectedAttachTypeName(), "security_file_open", p.attachBtfName(), p.insnCount(), p.license(), helpers, p.kfuncs(),
        p.ksyms());
    ManifestMap m = a.maps().get(0);
    ManifestMap m2 = new ManifestMap(m.name(), m.kernelName(), m.type(), m.typeName(), m.keySize(), m.valueSize(),
        m.maxEntries() * 4, m.flags(), m.initialValueSha256(), m.frozen(), m.innerMap(), m.innerMapSlots());
    List<ManifestProgram> progs = new ArrayList<>(a.programs());
    progs.set(1, p2);
    List<ManifestMap> maps = new ArrayList<>(a.maps());
    maps.set(0, m2);
    Manifest b = new Manifest(a.btf(), maps, progs, a.ctxMaps(), a.ctxPrograms());

    List<ManifestChange> changes = ManifestDiff.between(a, b);

    assertThat(changes).extracting(ManifestChange::toString).containsExactly(
        "+ program count_sys_exit: program.attach_target security_file_open",
        "+ program count_sys_exit: program.helper.added bpf_probe_write_user",
        "+ map counts: map.max_entries 1024 -> 4096");
  }
}
