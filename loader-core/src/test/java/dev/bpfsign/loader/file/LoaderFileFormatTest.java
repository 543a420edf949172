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

  private static final Bytes INSNS_73 = Bytes.fromHex("bf16000000000000" + "9500000000000000");
  private static final CtxLayout CTX = new CtxLayout(List.of("counts", "rodata"), List.of("handle"));

  static LoaderFile sample() {
    return new LoaderFile("obj", Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN, INSNS, DATA, CTX,
        List.of(new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("3082000130"), EXCL),
            new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("30030201ff"), EXCL,
                List.of(Bytes.fromHex("3000"), Bytes.fromHex("300101")))));
  }

  /** Both generations: the 6.18 variant with two signatures, the 7.3 one with one. */
  static LoaderBundle dual() {
    return LoaderBundle.of(sample(), new LoaderFile("obj", Mode.SIGNABLE, Scheme.LINUX_7_3,
        ByteOrder.LITTLE_ENDIAN, INSNS_73, DATA, CTX,
        List.of(new SignatureBlock(Scheme.LINUX_7_3, Bytes.fromHex("3003020107"), INSNS_73.sha256()))));
  }

  @Test
  void writeThenRead_everyField_roundTrips() throws Exception {
    LoaderFile original = sample();
    LoaderFile read = LoaderFileFormat.read(LoaderFileFormat.write(original), "x");
    assertThat(read).isEqualTo(original);
  }

  @Test
  void writeThenRead_twoVariants_roundTrip() throws Exception {
    LoaderBundle read = LoaderFileFormat.readBundle(LoaderFileFormat.write(dual()), "x");
    assertThat(read).isEqualTo(dual());
    assertThat(read.schemes()).containsExactly(Scheme.LINUX_6_18, Scheme.LINUX_7_3);
  }

  @Test
  void read_twoVariantsAsOne_asksForAScheme() {
    assertThatThrownBy(() -> LoaderFileFormat.read(LoaderFileFormat.write(dual()), "d.bin"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("d.bin: holds 2 variants (6.18, 7.3); choose one with --scheme");
  }

  @Test
  void addingASignatureToAnyVariant_leavesHeaderAndContentUnchanged() {
    byte[] before = LoaderFileFormat.write(dual());
    LoaderFile v618 = dual().variants().get(0);
    byte[] after = LoaderFileFormat.write(dual().with(v618.withSignature(
        new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("3001ff"), EXCL))));
    int contentEnd = 16 + ByteBuffer.wrap(before).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    assertThat(Arrays.copyOf(after, contentEnd)).isEqualTo(Arrays.copyOf(before, contentEnd));
  }

  @Test
  void read_versionOne_isOne618Variant() throws Exception {
    LoaderFile v1 = LoaderFileFormat.read(V1Files.write(sample()), "old.bin");
    assertThat(v1).isEqualTo(sample());
    assertThat(v1.scheme()).isEqualTo(Scheme.LINUX_6_18);
  }

  @Test
  void read_versionOneSignableWith2026Signature_refused() {
    LoaderFile wrong = sample().withSignatures(List.of(new SignatureBlock(Scheme.LINUX_7_3, Bytes.fromHex("3000"), EXCL)));
    assertThatThrownBy(() -> LoaderFileFormat.read(V1Files.write(wrong), "old.bin"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("old.bin: offset ")
        .hasMessageContaining("a 7.3-scheme signature, but the file has no 7.3 variant");
  }

  @Test
  void read_versionOnePlainWith2026Signature_isA73Variant() throws Exception {
    LoaderFile plain = new LoaderFile("obj", Mode.PLAIN, ByteOrder.LITTLE_ENDIAN, INSNS, DATA, CTX,
        List.of(new SignatureBlock(Scheme.LINUX_7_3, Bytes.fromHex("3000"), EXCL)));
    LoaderFile read = LoaderFileFormat.read(V1Files.write(plain), "old.bin");
    assertThat(read.scheme()).isEqualTo(Scheme.LINUX_7_3);
    assertThat(read.signatures()).isEqualTo(plain.signatures());
  }

  @Test
  void read_signatureOfAnotherScheme_refused() {
    // a 7.3 signature block appended to a file that holds only the 6.18 variant
    byte[] one = LoaderFileFormat.write(sample().withoutSignatures());
    byte[] dual = LoaderFileFormat.write(dual());
    byte[] block73 = Arrays.copyOfRange(dual, dual.length - lastBlockSize(dual), dual.length);
    byte[] bytes = Arrays.copyOf(one, one.length + block73.length);
    System.arraycopy(block73, 0, bytes, one.length, block73.length);
    assertThatThrownBy(() -> LoaderFileFormat.readBundle(bytes, "f"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("f: offset " + (one.length + 8) + ": signature block 0: a 7.3-scheme signature, but the file has no 7.3 variant (only 6.18)");
  }

  @Test
  void read_unknownRecordTag_refusedNamingIt() {
    byte[] bytes = LoaderFileFormat.write(sample().withoutSignatures());
    int variantAt = 16 + 6 + ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(16 + 2);
    bytes[variantAt] = 9;
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("f: offset " + variantAt + ": record 1: unknown record tag 9 (written by a newer bpfsign? this one knows tags 1..4)");
  }

  @Test
  void writeThenRead_rawTracepointNames_roundTripForEveryVariant() throws Exception {
    LoaderBundle named = new LoaderBundle(dual().variants().stream()
        .map(v -> v.withRawTracepoints(java.util.Map.of("handle", "sys_exit"))).toList());
    byte[] bytes = LoaderFileFormat.write(named);
    LoaderBundle read = LoaderFileFormat.readBundle(bytes, "x");
    assertThat(read).isEqualTo(named);
    assertThat(read.rawTracepoints()).containsExactly(java.util.Map.entry("handle", "sys_exit"));
    // the record is the last one in the content: tag 3, u16 count 1, "handle", "sys_exit"
    byte[] record = {3, 0, 18, 0, 0, 0, 1, 0, 6, 'h', 'a', 'n', 'd', 'l', 'e', 8, 's', 'y', 's', '_', 'e', 'x', 'i', 't'};
    byte[] withoutSignatures = LoaderFileFormat.write(new LoaderBundle(named.variants().stream()
        .map(LoaderFile::withoutSignatures).toList()));
    assertThat(java.util.Arrays.copyOfRange(withoutSignatures, withoutSignatures.length - record.length,
        withoutSignatures.length)).isEqualTo(record);
  }

  @Test
  void write_noRawTracepointNames_writesNoRecord() {
    byte[] bytes = LoaderFileFormat.write(sample().withoutSignatures());
    int contentSize = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    assertThat(bytes.length).isEqualTo(16 + contentSize);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("sys_exit");
  }

  @Test
  void read_rawTracepointOfAnUnknownProgram_refused() {
    byte[] bytes = LoaderFileFormat.write(sample().withoutSignatures().withRawTracepoints(java.util.Map.of("handle", "sys_exit")));
    byte[] renamed = new String(bytes, StandardCharsets.ISO_8859_1).replace("\u0006handle\u0008sys_exit", "\u0006handlx\u0008sys_exit")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> LoaderFileFormat.read(renamed, "f"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("raw tracepoint 0 names program handlx, which the loader does not have");
  }

  @Test
  void bundle_variantsThatDisagree_nameTheProblem() {
    LoaderFile other = new LoaderFile("obj", Mode.SIGNABLE, Scheme.LINUX_7_3, ByteOrder.LITTLE_ENDIAN, INSNS_73,
        Bytes.of("another blob".getBytes(StandardCharsets.US_ASCII)), CTX, List.of());
    assertThat(LoaderBundle.problem(List.of(sample(), other)))
        .contains("the 7.3 variant's data blob differs from the 6.18 variant's (not the same object build)");
    LoaderFile renamed = new LoaderFile("other", Mode.SIGNABLE, Scheme.LINUX_7_3, ByteOrder.LITTLE_ENDIAN, INSNS_73,
        DATA, CTX, List.of());
    assertThat(LoaderBundle.problem(List.of(sample(), renamed)))
        .contains("the 7.3 variant is of object 'other', the 6.18 variant of 'obj'");
    assertThat(LoaderBundle.problem(List.of(sample(), sample()))).contains("two 6.18 variants");
  }

  private static int lastBlockSize(byte[] file) {
    for (int i = file.length - 4; i >= 0; i--) {
      if (file[i] == 'B' && file[i + 1] == 'S' && file[i + 2] == 'I' && file[i + 3] == 'G') {
        return file.length - i;
      }
    }
    throw new AssertionError("no block");
  }

  @Test
  void writeThenRead_plainBigEndianNoSignatures_roundTrips() throws Exception {
    LoaderFile original = new LoaderFile("o", Mode.PLAIN, ByteOrder.BIG_ENDIAN, INSNS, Bytes.EMPTY,
        new CtxLayout(List.of(), List.of()), List.of());
    assertThat(LoaderFileFormat.read(LoaderFileFormat.write(original), "x")).isEqualTo(original);
  }

  @Test
  void write_header_isMagicVersionReservedOrderAndContentSize() {
    byte[] bytes = LoaderFileFormat.write(sample().withoutSignatures());
    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo("BPFSLOAD".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(8)).isEqualTo((short) 2);
    assertThat(bytes[10]).isEqualTo((byte) 0); // reserved
    assertThat(bytes[11]).isEqualTo((byte) 0); // little-endian
    assertThat(b.getInt(12)).isEqualTo(bytes.length - 16);
    assertThat(b.getShort(16)).isEqualTo((short) LoaderFileFormat.TAG_OBJECT);
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
    bytes[8] = 3;
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .isInstanceOf(BadInputException.class).hasMessage("f: offset 8: unsupported format version 3 (this bpfsign reads versions 1 and 2)");
  }

  @Test
  void read_unknownModeOrOrder_namesTheByte() {
    byte[] mode = V1Files.write(sample());
    mode[10] = 7;
    assertThatThrownBy(() -> LoaderFileFormat.read(mode, "f")).hasMessage("f: offset 10: unknown mode 7");
    byte[] reserved = LoaderFileFormat.write(sample());
    reserved[10] = 1;
    assertThatThrownBy(() -> LoaderFileFormat.read(reserved, "f")).hasMessage("f: offset 10: reserved byte is not zero");
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
