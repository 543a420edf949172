package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.btf.BtfBytes.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class BtfHostileTest {
  // [1] INT "int" 4 bytes signed 32 bits
  private static final int[] INT = {1, info(BtfKind.INT, 0), 4, 0x01000020};

  @Test
  void parse_minimalBtf_readsInt() throws Exception {
    Btf btf = Btf.parse("t", BtfBytes.of(INT, "int"));

    assertThat(btf.typeCount()).isEqualTo(2);
    assertThat(btf.type(1).name()).isEqualTo("int");
    assertThat(btf.type(1).intBits()).isEqualTo(32);
    assertThat(btf.type(1).intEncoding()).isEqualTo(BtfKind.INT_SIGNED);
  }

  @Test
  void parse_typedefLoop_rejected() {
    // [1] TYPEDEF a -> [2], [2] CONST -> [1]
    int[] words = {1, info(BtfKind.TYPEDEF, 0), 2, 0, info(BtfKind.CONST, 0), 1};

    assertThatThrownBy(() -> Btf.parse("prog.o: section .BTF (#5)", BtfBytes.of(words, "a")))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageStartingWith("prog.o: section .BTF (#5): type [")
        .hasMessageContaining("reference loop");
  }

  @Test
  void parse_arrayOfItself_rejected() {
    // [1] INT, [2] ARRAY of [2] indexed by [1]
    int[] words = {1, info(BtfKind.INT, 0), 4, 0x20, 0, info(BtfKind.ARRAY, 0), 0, 2, 1, 4};

    assertThatThrownBy(() -> Btf.parse("t", BtfBytes.of(words, "int")))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageContaining("reference loop through ARRAY [2]");
  }

  @Test
  void parse_pointerCycleThroughStruct_accepted() throws Exception {
    // struct node { struct node *next; }: [1] STRUCT node (1 member next -> [2]), [2] PTR -> [1]
    int[] words = {1, info(BtfKind.STRUCT, 1), 8, 6, 2, 0, 0, info(BtfKind.PTR, 0), 1};

    Btf btf = Btf.parse("t", BtfBytes.of(words, "node", "next"));

    assertThat(btf.type(1).members().getFirst().name()).isEqualTo("next");
    assertThat(BtfResolve.resolveSize(btf, 2)).isEqualTo(8);
  }

  @Test
  void parse_referenceOutOfRange_namesTypeAndOffset() {
    int[] words = {0, info(BtfKind.PTR, 0), 7};

    assertThatThrownBy(() -> Btf.parse("t", BtfBytes.of(words)))
        .isInstanceOf(BtfFormatException.class)
        .hasMessage("t: type [1] at offset 0x18: referenced type id 7 out of range (1 types)");
  }

  @Test
  void parse_nameOffsetOutsideStrings_rejected() {
    int[] words = {400, info(BtfKind.INT, 0), 4, 32};

    assertThatThrownBy(() -> Btf.parse("t", BtfBytes.of(words, "int")))
        .isInstanceOf(BtfFormatException.class)
        .hasMessage("t: type [1] at offset 0x18: type name offset 400 outside the string section (5 bytes)");
  }

  @Test
  void parse_structVlenPastEnd_rejected() {
    int[] words = {0, info(BtfKind.STRUCT, 0xffffff), 8};

    assertThatThrownBy(() -> Btf.parse("t", BtfBytes.of(words)))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageContaining("type [1] at offset 0x18: STRUCT with vlen 16777215 extends past the end");
  }

  @Test
  void parse_unknownKindWithoutLayout_rejected() {
    int[] words = {0, info(42, 0), 0};

    assertThatThrownBy(() -> Btf.parse("t", BtfBytes.of(words)))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageContaining("unknown kind 42");
  }

  @Test
  void parse_stringSectionPastEnd_rejected() {
    byte[] image = BtfBytes.of(INT, "int");
    ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 1 << 30);

    assertThatThrownBy(() -> Btf.parse("t", image))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageContaining("string section (offset 16, length 1073741824) extends past the end");
  }

  @Test
  void parse_layoutSection_sizesUnknownKind() throws Exception {
    // 32-byte header, one type of kind 20 with vlen 2; the layout says kind 20 has a 4-byte info
    // word and 8-byte elements; layout entries for kinds 0..20 (21 * 4 bytes)
    int[] types = {0, info(20, 2), 0, 0xaa, 1, 2, 3, 4, 1, info(BtfKind.INT, 0), 4, 32};
    byte[] layout = new byte[21 * 4];
    layout[20 * 4] = 4;
    layout[20 * 4 + 1] = 8;
    byte[] strings = {0, 'i', 'n', 't', 0};
    ByteBuffer buf = ByteBuffer.allocate(32 + types.length * 4 + layout.length + strings.length).order(ByteOrder.LITTLE_ENDIAN);
    int typeLen = types.length * 4;
    buf.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(32);
    buf.putInt(0).putInt(typeLen).putInt(typeLen + layout.length).putInt(strings.length);
    buf.putInt(typeLen).putInt(layout.length);
    for (int w : types) {
      buf.putInt(w);
    }
    buf.put(layout).put(strings);

    Btf btf = Btf.parse("t", buf.array());

    assertThat(btf.typeCount()).isEqualTo(3);
    assertThat(btf.kind(1)).isEqualTo(20);
    assertThat(btf.type(2).name()).isEqualTo("int");
    assertThat(btf.header().layoutLen()).isEqualTo(84);
    assertThat(btf.encode()).isEqualTo(buf.array());
  }

  @Test
  void resolveSize_arrayOfTypedef_multiplies() throws Exception {
    // [1] INT 4, [2] TYPEDEF u32 -> 1, [3] ARRAY of [2] x 10, [4] CONST -> 3
    int[] words = {1, info(BtfKind.INT, 0), 4, 32, 5, info(BtfKind.TYPEDEF, 0), 1, 0, info(BtfKind.ARRAY, 0), 0, 2, 1, 10, 0, info(BtfKind.CONST, 0), 3};
    Btf btf = Btf.parse("t", BtfBytes.of(words, "int", "u32"));

    assertThat(BtfResolve.resolveSize(btf, 4)).isEqualTo(40);
    assertThat(BtfResolve.alignOf(btf, 4)).isEqualTo(4);
    assertThat(BtfResolve.skipModsAndTypedefs(btf, 4)).isEqualTo(3);
    assertThat(BtfResolve.skipModsAndTypedefs(btf, 2)).isEqualTo(1);
  }
}
