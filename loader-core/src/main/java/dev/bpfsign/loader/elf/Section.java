package dev.bpfsign.loader.elf;

/**
 * One section header, validated: unless the section is {@code SHT_NOBITS} or {@code SHT_NULL}, {@code
 * offset + size} lies inside the file. Unsigned 64-bit fields that were checked against the file
 * size are held as non-negative longs.
 */
public record Section(
    int index,
    String name,
    int type,
    long flags,
    long addr,
    long offset,
    long size,
    int link,
    int info,
    long addralign,
    long entsize) {

  /** True when the section has no bytes in the file ({@code SHT_NOBITS}, {@code SHT_NULL}). */
  public boolean isNoBits() {
    return !hasFileBytes(type);
  }

  static boolean hasFileBytes(int type) {
    return type != ElfConstants.SHT_NOBITS && type != ElfConstants.SHT_NULL;
  }

  public boolean isExecutable() {
    return (flags & ElfConstants.SHF_EXECINSTR) != 0;
  }

  /** How error messages name this section: {@code .rel.text (#7)}. */
  public String label() {
    return name + " (#" + index + ")";
  }
}
