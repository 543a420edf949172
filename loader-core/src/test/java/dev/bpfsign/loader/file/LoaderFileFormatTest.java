package dev.bpfsign.loader.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoaderFileFormatTest {
  private static final Bytes INSNS = Bytes.fromHex("bf16000000000000" + "b700000000000000" + "9500000000000000");
  private static final Bytes DATA = Bytes.of("some data blob".getBytes(StandardCharsets.US_ASCII));
  private static final Bytes EXCL = INSNS.sha256();

  static LoaderFile sample() {
    return new LoaderFile("obj", Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN, INSNS, DATA,
        new CtxLayout(List.of("counts", "rodata"), List.of("handle")),
        List.of(new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("3082000130"), EXCL),
            new SignatureBlock(Scheme.LINUX_2026, Bytes.fromHex("30030201ff"), EXCL,
                List.of(Bytes.fromHex("3000"), Bytes.fromHex("300101")))));
  }

  @Test
  void writeThenRead_everyField_roundTrips() throws Exception {
    LoaderFile original = sample();
    LoaderFile read = LoaderFileFormat.read(LoaderFileFormat.write(original), "x");
    assertThat(read).isEqualTo(original);
  }

  @Test
  void writeThenRead_plainBigEndianNoSignatures_roundTrips() throws Exception {
    LoaderFile original = new LoaderFile("o", Mode.PLAIN, ByteOrder.BIG_ENDIAN, INSNS, Bytes.EMPTY,
        new CtxLayout(List.of(), List.of()), List.of());
    assertThat(LoaderFileFormat.read(LoaderFileFormat.write(original), "x")).isEqualTo(original);
  }

  @Test
  void write_header_isMagicVersionModeOrderAndContentSize() {
    byte[] bytes = LoaderFileFormat.write(sample().withoutSignatures());
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo("BPFSLOAD".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(8)).isEqualTo((short) 1);
    assertThat(bytes[10]).isEqualTo((byte) 1); // signable
    assertThat(bytes[11]).isEqualTo((byte) 0); // little-endian
    assertThat(b.getInt(12)).isEqualTo(bytes.length - 16);
  }

  @Test
  void withSignature_appendsBytes_leavesSignedContentUnchanged() {
    LoaderFile unsigned = sample().withoutSignatures();
    byte[] before = LoaderFileFormat.write(unsigned);
    byte[] after = LoaderFileFormat.write(unsigned.withSignature(sample().signatures().get(0)));
    assertThat(after.length).isGreaterThan(before.length);
    assertThat(Arrays.copyOf(after, before.length)).isEqualTo(before);
    assertThat(new String(after, before.length, 4, StandardCharsets.US_ASCII)).isEqualTo("BSIG");
  }

  @Test
  void read_everyTruncation_throwsBadInputNamingAnOffset() {
    byte[] whole = LoaderFileFormat.write(sample());
    int contentEnd = LoaderFileFormat.write(sample().withoutSignatures()).length;
    int firstEnd = LoaderFileFormat.write(sample().withoutSignatures().withSignature(sample().signatures().get(0))).length;
    for (int n = 0; n < whole.length; n++) {
      byte[] cut = Arrays.copyOf(whole, n);
      if (n == contentEnd || n == firstEnd) {
        continue; // a file cut exactly between signature blocks is a valid file with fewer signatures
      }
      int len = n;
      assertThatThrownBy(() -> LoaderFileFormat.read(cut, "cut.bin"))
          .as("truncated to %d bytes", len)
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("cut.bin: ")
          .hasMessageMatching(n < 8 ? "cut\\.bin: not a bpfsign loader file.*" : "cut\\.bin: offset \\d+: .*");
    }
  }

  @Test
  void read_cutBetweenSignatureBlocks_keepsTheWholeBlocks() throws Exception {
    LoaderFile full = sample();
    byte[] whole = LoaderFileFormat.write(full);
    int firstEnd = LoaderFileFormat.write(full.withoutSignatures().withSignature(full.signatures().get(0))).length;
    LoaderFile read = LoaderFileFormat.read(Arrays.copyOf(whole, firstEnd), "x");
    assertThat(read.signatures()).containsExactly(full.signatures().get(0));
  }

  @Test
  void read_wrongMagic_saysNotALoaderFile() {
    byte[] bytes = LoaderFileFormat.write(sample());
    bytes[0] = 'X';
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no BPFSLOAD magic at offset 0");
  }

  @Test
  void read_unknownVersion_namesOffset8() {
    byte[] bytes = LoaderFileFormat.write(sample());
    bytes[8] = 2;
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .isInstanceOf(BadInputException.class).hasMessage("f: offset 8: unsupported format version 2 (this bpfsign reads version 1)");
  }

  @Test
  void read_unknownModeOrOrder_namesTheByte() {
    byte[] mode = LoaderFileFormat.write(sample());
    mode[10] = 7;
    assertThatThrownBy(() -> LoaderFileFormat.read(mode, "f")).hasMessage("f: offset 10: unknown mode 7");
    byte[] order = LoaderFileFormat.write(sample());
    order[11] = 2;
    assertThatThrownBy(() -> LoaderFileFormat.read(order, "f")).hasMessage("f: offset 11: unknown byte order 2");
  }

  @Test
  void read_hugeDeclaredSizes_failBeforeAllocating() {
    byte[] bytes = LoaderFileFormat.write(sample());
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, -1);
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("offset 12: content size 4294967295 exceeds");
  }

  @Test
  void read_trailingGarbage_isNotASignatureBlock() {
    byte[] whole = LoaderFileFormat.write(sample().withoutSignatures());
    byte[] bytes = Arrays.copyOf(whole, whole.length + 3);
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("offset " + whole.length + ": truncated");
  }
}
