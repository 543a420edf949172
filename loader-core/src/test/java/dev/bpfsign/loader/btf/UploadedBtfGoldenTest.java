package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.elf.ElfByteSwapper;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Our fixed-up, encoded BTF equals what bpftool 7.8's loader uploads, byte for byte. */
class UploadedBtfGoldenTest {
  static final List<String> GOLDENS = Fixtures.names();

  @ParameterizedTest
  @FieldSource("GOLDENS")
  void uploadBytes_fixture_equalsPlainGoldenBtf(String name) throws Exception {
    ElfFile elf = FixtureObjects.parse(name);
    byte[] golden = GoldenBlobs.uploadedBtf(Fixtures.golden(name, Fixtures.PLAIN, Fixtures.DATA));

    assertThat(BtfFixups.uploadBytes(elf).orElseThrow()).isEqualTo(golden);
  }

  @ParameterizedTest
  @FieldSource("GOLDENS")
  void uploadBytes_fixture_equalsSignedGoldenBtf(String name) throws Exception {
    ElfFile elf = FixtureObjects.parse(name);
    byte[] golden = GoldenBlobs.uploadedBtf(Fixtures.golden(name, Fixtures.SIGNED, Fixtures.DATA));

    assertThat(BtfFixups.uploadBytes(elf).orElseThrow()).isEqualTo(golden);
  }

  /**
   * A big-endian copy of each object uploads the golden BTF in big-endian order: libbpf
   * re-serialises non-native BTF in its target order (checked once against bpftool 7.8 on
   * objects compiled with {@code -target bpfeb}).
   */
  @ParameterizedTest
  @FieldSource("GOLDENS")
  void uploadBytes_bigEndianCopy_equalsSwappedGoldenBtf(String name) throws Exception {
    ElfFile elf = ElfFile.parse(name, ElfByteSwapper.toBigEndian(FixtureObjects.object(name)));
    byte[] golden = GoldenBlobs.uploadedBtf(Fixtures.golden(name, Fixtures.PLAIN, Fixtures.DATA));

    assertThat(BtfFixups.uploadBytes(elf).orElseThrow()).isEqualTo(BtfByteSwapper.btfToBigEndian(golden));
  }
}
