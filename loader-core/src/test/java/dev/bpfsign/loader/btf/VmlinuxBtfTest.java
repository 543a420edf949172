package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class VmlinuxBtfTest {
  static final List<String> NAMES = FixtureObjects.NAMES;
  private static final Path HOST_VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

  /** Every named type of a fixture's BTF: the index agrees with a linear first-match search. */
  @ParameterizedTest
  @FieldSource("NAMES")
  void findByNameKind_everyFixtureType_matchesLinearSearch(String name) throws Exception {
    ElfFile elf = FixtureObjects.parse(name);
    byte[] section = elf.bytes(elf.section(".BTF").orElseThrow());
    Btf btf = Btf.parse(name, section);

    VmlinuxBtf index = VmlinuxBtf.parse(name, section);

    assertThat(index.typeCount()).isEqualTo(btf.typeCount());
    for (int id = 1; id < btf.typeCount(); id++) {
      if (btf.nameOff(id) == 0) {
        continue;
      }
      assertThat(index.findByNameKind(btf.name(id), btf.kind(id)))
          .as("%s", btf.type(id))
          .isEqualTo(btf.findByNameKind(btf.name(id), btf.kind(id)));
    }
    assertThat(index.findByNameKind("no_such_type_anywhere", BtfKind.STRUCT)).isEmpty();
  }

  @Test
  void findByNameKind_sameNameOtherKind_isDistinct() throws Exception {
    // [1] STRUCT "x" (size 0), [2] TYPEDEF "x" -> 1, [3] STRUCT "x" again
    int[] words = {1, BtfBytes.info(BtfKind.STRUCT, 0), 0, 1, BtfBytes.info(BtfKind.TYPEDEF, 0), 1, 1, BtfBytes.info(BtfKind.STRUCT, 0), 0};
    VmlinuxBtf index = VmlinuxBtf.parse("t", BtfBytes.of(words, "x"));

    assertThat(index.findByNameKind("x", BtfKind.STRUCT)).isEqualTo(OptionalInt.of(1));
    assertThat(index.findByNameKind("x", BtfKind.TYPEDEF)).isEqualTo(OptionalInt.of(2));
    assertThat(index.findByNameKind("x", BtfKind.UNION)).isEmpty();
  }

  @Test
  void parse_truncatedTypes_rejected() {
    ElfFile elf = FixtureObjects.parse("maps_basic");
    byte[] section = elf.bytes(elf.section(".BTF").orElseThrow());

    assertThatThrownBy(() -> VmlinuxBtf.parse("t", Arrays.copyOf(section, 100)))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageStartingWith("t: ");
  }

  @Test
  void load_hostVmlinux_findsTaskStruct() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(HOST_VMLINUX), "no " + HOST_VMLINUX + " on this host (kernel without CONFIG_DEBUG_INFO_BTF)");
    VmlinuxBtf index = VmlinuxBtf.load(HOST_VMLINUX);
    Btf full = Btf.parse("vmlinux", Files.readAllBytes(HOST_VMLINUX));

    for (String type : List.of("task_struct", "sk_buff", "bpf_map")) {
      assertThat(index.findByNameKind(type, BtfKind.STRUCT)).isEqualTo(full.findByNameKind(type, BtfKind.STRUCT));
    }
    assertThat(index.findByNameKind("task_struct", BtfKind.STRUCT)).isPresent();
  }
}
