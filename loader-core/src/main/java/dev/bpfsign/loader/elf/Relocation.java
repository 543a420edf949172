package dev.bpfsign.loader.elf;

/**
 * One relocation record. {@code offset} is inside the target section, {@code symbolIndex} is a
 * valid index into the symbol table. {@code addend} is 0 for {@code SHT_REL} records, where the
 * addend lives in the relocated bytes.
 */
public record Relocation(int index, long offset, int symbolIndex, int type, long addend) {}
