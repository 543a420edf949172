package dev.bpfsign.loader.elf;

/**
 * One {@code Elf64_Sym}. {@code sectionIndex} is either a valid section index, {@link
 * ElfConstants#SHN_UNDEF}, or a reserved index ({@code >= SHN_LORESERVE}, e.g. {@code SHN_ABS}).
 */
public record Symbol(
    int index, String name, int info, int other, int sectionIndex, long value, long size) {

  public int bind() {
    return info >>> 4;
  }

  public int type() {
    return info & 0xf;
  }

  public int visibility() {
    return other & 0x3;
  }

  public boolean isUndefined() {
    return sectionIndex == ElfConstants.SHN_UNDEF;
  }

  /** True when the symbol is defined in a real section (not undefined, not ABS/COMMON). */
  public boolean isInSection() {
    return sectionIndex != ElfConstants.SHN_UNDEF && sectionIndex < ElfConstants.SHN_LORESERVE;
  }
}
