package dev.bpfsign.loader.btf;

/**
 * A STRUCT/UNION member. {@code offset} is the raw field: with the parent's kind flag set it holds
 * the bitfield size in bits 24-31 and the bit offset in bits 0-23.
 */
public record BtfMember(int nameOff, String name, int type, int offset, boolean kindFlag) {
  public int bitOffset() {
    return kindFlag ? offset & 0xffffff : offset;
  }

  public int bitfieldSize() {
    return kindFlag ? offset >>> 24 : 0;
  }
}
