package dev.bpfsign.loader.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.target.LoaderTarget;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Record 4, the target (docs/format.md): written only when there is one, read back field by field, hostile bytes refused. */
class TargetRecordTest {
  private static final Bytes SHA = Bytes.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

  static LoaderTarget full() {
    return new LoaderTarget(LoaderTarget.Origin.PROFILE, SHA, "7.2.0-rc1", 7 << 16 | 2 << 8, 4,
        new TreeMap<>(Map.of("CONFIG_HZ", "250", "CONFIG_DEFAULT_HOSTNAME", "\"(none)\"")),
        new TreeMap<>(Map.of("bpf_prog_put", 0xffffffff814e61b0L, "a.b", 1L)));
  }

  private static LoaderBundle withTarget(LoaderTarget t) {
    return LoaderFileFormatTest.dual().withTarget(t);
  }

  @Test
  void writeThenRead_everyField_roundTripsForEveryVariant() throws Exception {
    LoaderBundle original = withTarget(full());
    LoaderBundle read = LoaderFileFormat.readBundle(LoaderFileFormat.write(original), "x");
    assertThat(read).isEqualTo(original);
    assertThat(read.variants()).allSatisfy(v -> assertThat(v.target()).isEqualTo(full()));
    assertThat(read.target()).contains(full());
  }

  @Test
  void write_optionsOnly_exactBytes() {
    LoaderTarget t = new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, null, 0x06122c, null,
        new TreeMap<>(), new TreeMap<>(Map.of("x", 0x1122334455667788L)));
    byte[] bytes = LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures().withTarget(t));
    // tag 4, size 21: origin 0, fields 0b010, version u32, 0 Kconfig, 1 kallsyms: u16 len 1 "x", u64 address
    byte[] record = {4, 0, 21, 0, 0, 0, 0, 2, 0x2c, 0x12, 0x06, 0, 0, 0, 1, 0, 1, 0, 'x',
        (byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
    assertThat(Arrays.copyOfRange(bytes, bytes.length - record.length, bytes.length)).isEqualTo(record);
  }

  @Test
  void write_noTarget_writesNoRecord_andAddingOneLeavesTheEarlierRecordsAlone() {
    byte[] without = LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures());
    byte[] with = LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures().withTarget(full()));
    int contentSize = ByteBuffer.wrap(without).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    assertThat(without.length).isEqualTo(16 + contentSize);
    assertThat(new String(without, StandardCharsets.ISO_8859_1)).doesNotContain("CONFIG_HZ");
    // the same records, then record 4
    assertThat(Arrays.copyOfRange(with, 16, without.length)).isEqualTo(Arrays.copyOfRange(without, 16, without.length));
    assertThat(with[without.length]).isEqualTo((byte) 4);
  }

  @Test
  void addingASignature_leavesTheTargetRecordUnchanged() throws Exception {
    LoaderFile unsigned = LoaderFileFormatTest.sample().withoutSignatures().withTarget(full());
    LoaderFile signed = unsigned.withSignature(LoaderFileFormatTest.sample().signatures().get(0));
    byte[] a = LoaderFileFormat.write(unsigned);
    byte[] b = LoaderFileFormat.write(signed);
    assertThat(Arrays.copyOf(b, a.length)).isEqualTo(a);
    assertThat(LoaderFileFormat.read(b, "x").target()).isEqualTo(full());
  }

  @Test
  void read_everyTruncationOfTheRecord_isOneOffsetNamingLine() {
    byte[] whole = LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures().withTarget(full()));
    int start = LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures()).length;
    for (int n = start + 1; n < whole.length; n++) {
      // cut the record and fix both sizes, so the reader meets a short body, not a short file
      byte[] cut = Arrays.copyOf(whole, n);
      ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(12, n - 16);
      if (n >= start + 6) {
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(start + 2, n - start - 6);
      }
      int len = n;
      assertThatThrownBy(() -> LoaderFileFormat.readBundle(cut, "f"))
          .as("cut to %d", len)
          .isInstanceOf(BadInputException.class)
          .hasMessageMatching("f: offset \\d+: .*");
    }
  }

  /** The record's body offset in a file of {@link LoaderFileFormatTest#sample()} with {@code t}. */
  private static int bodyAt() {
    return LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures()).length + 6;
  }

  private static byte[] file(LoaderTarget t) {
    return LoaderFileFormat.write(LoaderFileFormatTest.sample().withoutSignatures().withTarget(t));
  }

  @Test
  void read_unknownOriginOrFieldBits_refused() {
    LoaderTarget t = new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, null, null, 2, new TreeMap<>(), new TreeMap<>());
    byte[] origin = file(t);
    origin[bodyAt()] = 7;
    assertThatThrownBy(() -> LoaderFileFormat.read(origin, "f")).hasMessage("f: offset " + bodyAt()
        + ": record 2: unknown target origin 7");
    byte[] bits = file(t);
    bits[bodyAt() + 1] |= 0x40;
    assertThatThrownBy(() -> LoaderFileFormat.read(bits, "f")).hasMessage("f: offset " + (bodyAt() + 1)
        + ": record 2: unknown target field bits 68");
  }

  @Test
  void read_zeroPossibleCpus_refused() {
    byte[] bytes = file(new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, null, null, 2, new TreeMap<>(), new TreeMap<>()));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bodyAt() + 2, 0);
    assertThatThrownBy(() -> LoaderFileFormat.read(bytes, "f"))
        .hasMessageContaining("record 2: possible CPU count 0 is not between 1 and 65536");
  }

  @Test
  void read_namesOutOfOrderOrRepeated_refused() {
    // "CONFIG_HZ" and "CONFIG_XX" swapped in place give a descending order
    byte[] bytes = file(new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, null, null, null,
        new TreeMap<>(Map.of("CONFIG_HZ", "1", "CONFIG_XX", "1")), new TreeMap<>()));
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    byte[] swapped = s.replace("CONFIG_HZ", "CONFIG_QQ").replace("CONFIG_XX", "CONFIG_HZ")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> LoaderFileFormat.read(swapped, "f"))
        .hasMessageContaining("Kconfig name CONFIG_HZ is not after CONFIG_QQ (names are strictly ascending)");
    byte[] repeated = s.replace("CONFIG_XX", "CONFIG_HZ").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> LoaderFileFormat.read(repeated, "f")).hasMessageContaining("is not after CONFIG_HZ");
  }

  @Test
  void read_binaryInAReleaseOrSymbol_refusedWithoutEchoingIt() {
    byte[] bytes = file(new LoaderTarget(LoaderTarget.Origin.OPTIONS, null, null, null, null, new TreeMap<>(),
        new TreeMap<>(Map.of("sym", 1L))));
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    byte[] garbage = s.replace("sym", "s\u001b[").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> LoaderFileFormat.read(garbage, "f"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("kallsyms name 0 is not 1-512 printable characters without spaces")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
  }

  @Test
  void read_twoTargetRecords_refused() {
    byte[] one = file(full());
    int start = bodyAt() - 6;
    byte[] record = Arrays.copyOfRange(one, start, one.length);
    byte[] two = Arrays.copyOf(one, one.length + record.length);
    System.arraycopy(record, 0, two, one.length, record.length);
    ByteBuffer.wrap(two).order(ByteOrder.LITTLE_ENDIAN).putInt(12, two.length - 16);
    assertThatThrownBy(() -> LoaderFileFormat.read(two, "f"))
        .hasMessage("f: offset " + one.length + ": record 3: the target record must come once, after the variant records");
  }

  @Test
  void read_rawTracepointsAfterTheTarget_refused_soEveryFileHasOneByteForm() {
    LoaderFile both = LoaderFileFormatTest.sample().withoutSignatures().withTarget(full())
        .withRawTracepoints(Map.of("handle", "sys_exit"));
    byte[] bytes = LoaderFileFormat.write(both);
    int rtpAt = bodyAt() - 6; // the raw tracepoint record starts where the target record would without it
    int rtpSize = 6 + ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(rtpAt + 2);
    byte[] rtp = Arrays.copyOfRange(bytes, rtpAt, rtpAt + rtpSize);
    byte[] target = Arrays.copyOfRange(bytes, rtpAt + rtpSize, bytes.length);
    byte[] swapped = bytes.clone();
    System.arraycopy(target, 0, swapped, rtpAt, target.length);
    System.arraycopy(rtp, 0, swapped, rtpAt + target.length, rtp.length);
    assertThatThrownBy(() -> LoaderFileFormat.read(swapped, "f"))
        .hasMessage("f: offset " + (rtpAt + target.length) + ": record 3: raw tracepoint names must come once, after"
            + " the variant records and before the target record");
  }

  @Test
  void bundle_variantsWithDifferentTargets_nameTheProblem() {
    List<LoaderFile> v = LoaderFileFormatTest.dual().variants();
    assertThat(LoaderBundle.problem(List.of(v.get(0).withTarget(full()), v.get(1))))
        .contains("the 7.3 variant's target record differs from the 6.18 variant's");
  }

  @Test
  void target_profileOriginWithoutAHash_isAProgrammingError() {
    assertThatThrownBy(() -> new LoaderTarget(LoaderTarget.Origin.PROFILE, null, null, null, null, new TreeMap<>(),
        new TreeMap<>())).isInstanceOf(IllegalArgumentException.class);
  }
}
