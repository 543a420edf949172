package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class BtfExtHostileTest {
  private final ElfFile elf = FixtureObjects.parse(Fixtures.MAPS_BASIC);

  private Btf btf() throws Exception {
    return Btf.read(elf).orElseThrow();
  }

  private byte[] ext() {
    return elf.bytes(elf.section(".BTF.ext").orElseThrow());
  }

  /** Offset of the first func_info record's type_id: header, record size, section entry, insn_off. */
  private int firstFuncInfoTypeId(byte[] ext) {
    ByteBuffer buf = ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN);
    return buf.getInt(4) + buf.getInt(8) + 4 + 8 + 4;
  }

  @Test
  void parse_fixture_readsFuncInfoOfProgramSection() throws Exception {
    BtfExt ext = BtfExt.parse("t", ext(), btf());

    BtfExtSection funcs = ext.section(BtfExtInfoKind.FUNC_INFO, "tracepoint/syscalls/sys_enter_getpid").orElseThrow();
    assertThat(funcs.recordSize()).isEqualTo(8);
    assertThat(funcs.insnOff(0)).isZero();
    assertThat(btf().name(funcs.typeId(0))).isEqualTo("count_getpid");
  }

  @Test
  void parse_funcInfoTypeIdOutOfRange_rejected() throws Exception {
    byte[] ext = ext();
    ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN).putInt(firstFuncInfoTypeId(ext), 1 << 20);

    assertThatThrownBy(() -> BtfExt.parse("prog.o: section .BTF.ext (#9)", ext, btf()))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageStartingWith("prog.o: section .BTF.ext (#9): func_info record 0 at offset 0x")
        .hasMessageEndingWith(": type id 1048576 out of range");
  }

  @Test
  void parse_recordCountPastEnd_rejected() throws Exception {
    byte[] ext = ext();
    // num_info of the first func_info section entry
    ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN).putInt(firstFuncInfoTypeId(ext) - 8, 0x7fffffff);

    assertThatThrownBy(() -> BtfExt.parse("t", ext, btf()))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageContaining("records of 8 bytes do not fit");
  }

  @Test
  void parse_recordSizeBelowMinimum_rejected() throws Exception {
    byte[] ext = ext();
    ByteBuffer.wrap(ext).order(ByteOrder.LITTLE_ENDIAN).putInt(firstFuncInfoTypeId(ext) - 16, 4);

    assertThatThrownBy(() -> BtfExt.parse("t", ext, btf()))
        .isInstanceOf(BtfFormatException.class)
        .hasMessageContaining("func_info at offset 0x")
        .hasMessageEndingWith("invalid record size 4");
  }
}
