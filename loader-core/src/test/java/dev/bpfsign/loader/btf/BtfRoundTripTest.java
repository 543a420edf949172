package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.elf.ElfByteSwapper;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class BtfRoundTripTest {
  static final List<String> NAMES = FixtureObjects.NAMES;

  @ParameterizedTest
  @FieldSource("NAMES")
  void encode_parsedFixtureBtf_returnsSectionBytes(String name) throws Exception {
    ElfFile elf = FixtureObjects.parse(name);
    byte[] section = elf.bytes(elf.section(".BTF").orElseThrow());

    Btf btf = Btf.read(elf).orElseThrow();

    assertThat(btf.encode()).isEqualTo(section);
    assertThat(new BtfEditor(btf).build().encode()).isEqualTo(section);
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void read_fixtureBtfExt_namesExecutableSections(String name) throws Exception {
    ElfFile elf = FixtureObjects.parse(name);
    Btf btf = Btf.read(elf).orElseThrow();

    BtfExt ext = BtfExt.read(elf, btf).orElseThrow();

    assertThat(ext.funcInfo()).isNotEmpty();
    for (BtfExtSection s : ext.funcInfo()) {
      assertThat(elf.section(s.sectionName())).isPresent();
      for (int i = 0; i < s.count(); i++) {
        assertThat(btf.kind(s.typeId(i))).isEqualTo(BtfKind.FUNC);
        assertThat(s.insnOff(i) % 8).isZero();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void parse_bigEndianCopy_readsSameTypesAndExtRecords(String name) throws Exception {
    ElfFile little = FixtureObjects.parse(name);
    ElfFile big = ElfFile.parse(name, ElfByteSwapper.toBigEndian(FixtureObjects.object(name)));

    Btf le = Btf.read(little).orElseThrow();
    Btf be = Btf.read(big).orElseThrow();
    BtfExt leExt = BtfExt.read(little, le).orElseThrow();
    BtfExt beExt = BtfExt.read(big, be).orElseThrow();

    assertThat(be.byteOrder()).isEqualTo(java.nio.ByteOrder.BIG_ENDIAN);
    assertThat(be.typeCount()).isEqualTo(le.typeCount());
    for (int id = 1; id < le.typeCount(); id++) {
      assertThat(be.type(id).toString()).isEqualTo(le.type(id).toString());
      assertThat(be.info(id)).isEqualTo(le.info(id));
      assertThat(be.sizeOrType(id)).isEqualTo(le.sizeOrType(id));
    }
    for (BtfExtInfoKind kind : BtfExtInfoKind.values()) {
      assertThat(beExt.sections(kind)).isEqualTo(leExt.sections(kind));
    }
    assertThat(be.encode()).isEqualTo(BtfByteSwapper.btfToBigEndian(le.encode()));
  }
}
