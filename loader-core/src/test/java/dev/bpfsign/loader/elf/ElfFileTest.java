package dev.bpfsign.loader.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ElfFileTest {
  static final java.util.List<String> NAMES = FixtureObjects.NAMES;

  @ParameterizedTest
  @FieldSource("NAMES")
  void parse_fixture_hasOneSymtabAndValidRelocations(String name) {
    ElfFile elf = FixtureObjects.parse(name);

    assertThat(elf.machine()).isEqualTo(ElfConstants.EM_BPF);
    assertThat(elf.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(elf.section(".BTF")).isPresent();
    assertThat(elf.symbols().getFirst().name()).isEmpty();
    for (RelocationSection rel : elf.relocationSections()) {
      assertThat(rel.section().name()).endsWith(elf.section(rel.targetIndex()).name());
    }
  }

  // Expected values read off llvm-readelf -S -r for keys-testdata/bpf/global_data.bpf.o.
  @Test
  void parse_globalData_matchesReadelf() {
    ElfFile elf = FixtureObjects.parse("global_data");

    assertThat(elf.sections()).hasSize(36);
    Section syscall = elf.section(3);
    assertThat(syscall.name()).isEqualTo("syscall");
    assertThat(syscall.offset()).isEqualTo(0x40);
    assertThat(syscall.size()).isEqualTo(0x190);
    assertThat(syscall.isExecutable()).isTrue();
    Section bss = elf.section(".bss").orElseThrow();
    assertThat(bss.index()).isEqualTo(12);
    assertThat(bss.isNoBits()).isTrue();
    assertThat(bss.size()).isEqualTo(0x10);
    assertThat(elf.data(bss).remaining()).isZero();
    assertThat(elf.symbolTableSection().index()).isEqualTo(35);
    assertThat(elf.symbols()).hasSize(0x2d0 / 24);

    RelocationSection rel = elf.relocationsFor(3).orElseThrow();
    assertThat(rel.section().name()).isEqualTo(".relsyscall");
    assertThat(rel.relocations()).hasSize(11);
    Relocation first = rel.relocations().getFirst();
    assertThat(first.offset()).isZero();
    assertThat(first.type()).isEqualTo(ElfConstants.R_BPF_64_64);
    assertThat(elf.symbol(first.symbolIndex()).name()).isEqualTo("custom_array");
    assertThat(elf.symbol(first.symbolIndex()).value()).isEqualTo(4);
    Relocation third = rel.relocations().get(2);
    assertThat(third.offset()).isEqualTo(0x40);
    // readelf prints a section symbol under its section's name; the symbol itself is unnamed
    assertThat(elf.symbol(third.symbolIndex()).sectionIndex()).isEqualTo(11);
    assertThat(elf.symbol(third.symbolIndex()).type()).isEqualTo(ElfConstants.STT_SECTION);
  }

  @Test
  void data_progbitsSection_returnsFileBytes() {
    byte[] image = FixtureObjects.object("global_data");
    ElfFile elf = FixtureObjects.parse("global_data");
    Section license = elf.section("license").orElseThrow();

    assertThat(elf.bytes(license))
        .isEqualTo(Arrays.copyOfRange(image, (int) license.offset(), (int) (license.offset() + 4)));
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void parse_bigEndianCopy_yieldsSameStructure(String name) throws Exception {
    ElfFile little = FixtureObjects.parse(name);
    ElfFile big = ElfFile.parse(name, ElfByteSwapper.toBigEndian(FixtureObjects.object(name)));

    assertThat(big.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(big.sections()).isEqualTo(little.sections());
    assertThat(big.symbols()).isEqualTo(little.symbols());
    assertThat(big.relocationSections()).isEqualTo(little.relocationSections());
  }

  @Test
  void parse_truncatedHeader_namesFileAndSize() {
    byte[] image = Arrays.copyOf(FixtureObjects.object("global_data"), 40);

    assertThatThrownBy(() -> ElfFile.parse("prog.o", image))
        .isInstanceOf(ElfFormatException.class)
        .hasMessage("prog.o: file header: 40 bytes, an ELF64 header needs 64");
  }

  @Test
  void parse_notElf_rejected() {
    assertThatThrownBy(() -> ElfFile.parse("x.o", new byte[64]))
        .isInstanceOf(ElfFormatException.class)
        .hasMessage("x.o: file header at offset 0x0: not an ELF file (bad magic)");
  }

  @Test
  void parse_relocationSymbolOutOfRange_namesSectionRecordAndOffset() {
    byte[] image = FixtureObjects.object("global_data");
    // .relsyscall (#4) is at file offset 0x1d98; record 3's r_info is at +3*16+8, symbol in the
    // high half.
    int info = 0x1d98 + 3 * 16 + 8;
    ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(info, (99L << 32) | 1);

    assertThatThrownBy(() -> ElfFile.parse("prog.o", image))
        .isInstanceOf(ElfFormatException.class)
        .hasMessage(
            "prog.o: section .relsyscall (#4): relocation 3 at offset 0x1dc8: symbol index 99 out of range");
  }

  @Test
  void parse_sectionPastEndOfFile_rejected() {
    byte[] image = FixtureObjects.object("global_data");
    // section header #3 ("syscall") at e_shoff 0x2ab8 + 3*64; sh_size at +32
    ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(0x2ab8 + 3 * 64 + 32, 1L << 40);

    assertThatThrownBy(() -> ElfFile.parse("prog.o", image))
        .isInstanceOf(ElfFormatException.class)
        .hasMessageStartingWith("prog.o: section header #3 at offset 0x2b78: contents of section #3")
        .hasMessageContaining("extends past the end of the file");
  }

  @Test
  void parse_hugeSectionCount_rejectedWithoutAllocating() {
    byte[] image = FixtureObjects.object("global_data");
    ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putShort(60, (short) 0xfff0);

    assertThatThrownBy(() -> ElfFile.parse("prog.o", image))
        .isInstanceOf(ElfFormatException.class)
        .hasMessageContaining("section headers at offset 0x2ab8 do not fit");
  }
}
