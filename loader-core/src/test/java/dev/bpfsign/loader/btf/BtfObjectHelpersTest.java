package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import dev.bpfsign.testdata.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Helpers the generator uses, checked against what the fixtures' C sources declare. */
class BtfObjectHelpersTest {

  @Test
  void mapFields_mapsBasic_decodeDeclaredValues() throws Exception {
    ObjectBtf opened = BtfFixups.open(FixtureObjects.parse(Fixtures.MAPS_BASIC)).orElseThrow();
    Btf btf = opened.btf();

    Map<String, Map<String, Long>> maps = new LinkedHashMap<>();
    int maps_ = btf.findByNameKind(".maps", BtfKind.DATASEC).orElseThrow();
    for (BtfVarSecinfo vsi : btf.type(maps_).secinfos()) {
      Map<String, Long> fields = new LinkedHashMap<>();
      int def = BtfResolve.skipModsAndTypedefs(btf, btf.type(vsi.type()).type());
      for (BtfMember m : btf.type(def).members()) {
        BtfMapFields.uintValue(btf, m.type()).ifPresent(v -> fields.put(m.name(), (long) v));
      }
      maps.put(btf.name(vsi.type()), fields);
    }

    // maps_basic.bpf.c; BPF_MAP_TYPE_HASH = 1, RINGBUF = 27, LRU_HASH = 9, BPF_F_NO_COMMON_LRU = 2
    // DATASEC order is by offset in .maps (the compiler's layout), not declaration order
    assertThat(maps.keySet())
        .containsExactlyInAnyOrder("counts", "last_events", "percpu_totals", "percpu_counts", "recent", "events", "perf_events", "jump_table");
    assertThat(maps.get("counts")).containsEntry("type", 1L).containsEntry("max_entries", 1024L);
    assertThat(maps.get("events")).containsEntry("type", 27L).containsEntry("max_entries", 65536L);
    assertThat(maps.get("recent")).containsEntry("type", 9L).containsEntry("map_flags", 2L);
    assertThat(maps.get("perf_events")).containsEntry("key_size", 4L).containsEntry("value_size", 4L);
  }

  @Test
  void typeField_lastEvents_pointsAtStructEvent() throws Exception {
    Btf btf = BtfFixups.open(FixtureObjects.parse(Fixtures.MAPS_BASIC)).orElseThrow().btf();
    int var = btf.findByNameKind("last_events", BtfKind.VAR).orElseThrow();
    int def = BtfResolve.skipModsAndTypedefs(btf, btf.type(var).type());
    BtfMember value = btf.type(def).members().stream().filter(m -> m.name().equals("value")).findFirst().orElseThrow();

    int event = BtfMapFields.typeValue(btf, value.type()).orElseThrow();

    assertThat(btf.type(event).name()).isEqualTo("event");
    assertThat(BtfResolve.resolveSize(btf, event)).isEqualTo(16); // u32 pid, u32 cpu, u64 ts
    assertThat(BtfResolve.alignOf(btf, event)).isEqualTo(8);
  }

  @Test
  void open_kconfig_laysOutExternsInLibbpfOrder() throws Exception {
    ObjectBtf opened = BtfFixups.open(FixtureObjects.parse(Fixtures.KCONFIG)).orElseThrow();

    // kconfig.bpf.c: 4-byte externs (int, enum tristate) first by name, then 1-byte bools, then
    // char[16]; each at the next offset aligned to its alignment
    List<String> order = opened.externs().stream().map(e -> e.name() + "@" + e.kcfgDataOff()).toList();
    assertThat(order)
        .containsExactly(
            "CONFIG_BPFSIGN_MISSING@0", "CONFIG_HZ@4", "CONFIG_NET_CLS_BPF@8", "LINUX_KERNEL_VERSION@12",
            "CONFIG_BPF_SYSCALL@16", "LINUX_HAS_BPF_COOKIE@17", "CONFIG_DEFAULT_HOSTNAME@18");
    Btf btf = opened.btf();
    int sec = btf.findByNameKind(".kconfig", BtfKind.DATASEC).orElseThrow();
    assertThat(btf.type(sec).size()).isEqualTo(34);
    assertThat(btf.type(sec).secinfos()).extracting(BtfVarSecinfo::offset).isSorted();
    assertThat(opened.externs().get(6).kcfgType()).isEqualTo(BtfExtern.KcfgType.CHAR_ARR);
    assertThat(opened.externs().get(2).kcfgType()).isEqualTo(BtfExtern.KcfgType.TRISTATE);
    assertThat(opened.externs().get(0).weak()).isTrue();
  }

  @Test
  void open_globalData_datasecSizesComeFromElf() throws Exception {
    ElfFile elf = FixtureObjects.parse(Fixtures.GLOBAL_DATA);
    Btf btf = BtfFixups.open(elf).orElseThrow().btf();

    for (String name : List.of(".data", ".rodata", ".bss", ".data.custom", ".bss.custom")) {
      int sec = btf.findByNameKind(name, BtfKind.DATASEC).orElseThrow();
      assertThat((long) btf.type(sec).size()).as(name).isEqualTo(elf.section(name).orElseThrow().size());
    }
  }

  @Test
  void forUpload_subprogs_marksHiddenHelperStatic() throws Exception {
    ElfFile elf = FixtureObjects.parse(Fixtures.SUBPROGS);
    Btf opened = BtfFixups.open(elf).orElseThrow().btf();
    int hidden = opened.findByNameKind("hidden_helper", BtfKind.FUNC).orElseThrow();
    int global = opened.findByNameKind("global_helper", BtfKind.FUNC).orElseThrow();

    Btf upload = BtfFixups.forUpload(elf, opened);

    assertThat(opened.type(hidden).funcLinkage()).isEqualTo(BtfKind.FUNC_GLOBAL);
    assertThat(upload.type(hidden).funcLinkage()).isEqualTo(BtfKind.FUNC_STATIC);
    assertThat(upload.type(global).funcLinkage()).isEqualTo(BtfKind.FUNC_GLOBAL);
  }
}
