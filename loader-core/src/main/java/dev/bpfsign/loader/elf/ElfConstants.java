package dev.bpfsign.loader.elf;

/** The ELF numbers a BPF object uses (System V gABI and the BPF psABI); values are the interface. */
public final class ElfConstants {
  private ElfConstants() {}

  public static final int EM_NONE = 0;
  public static final int EM_BPF = 247;
  public static final int ET_REL = 1;

  public static final int SHT_NULL = 0;
  public static final int SHT_PROGBITS = 1;
  public static final int SHT_SYMTAB = 2;
  public static final int SHT_STRTAB = 3;
  public static final int SHT_RELA = 4;
  public static final int SHT_NOBITS = 8;
  public static final int SHT_REL = 9;
  public static final int SHT_SYMTAB_SHNDX = 18;
  public static final int SHT_LLVM_ADDRSIG = 0x6fff4c03;

  public static final long SHF_WRITE = 0x1;
  public static final long SHF_ALLOC = 0x2;
  public static final long SHF_EXECINSTR = 0x4;

  public static final int SHN_UNDEF = 0;
  public static final int SHN_LORESERVE = 0xff00;
  public static final int SHN_ABS = 0xfff1;
  public static final int SHN_COMMON = 0xfff2;
  public static final int SHN_XINDEX = 0xffff;

  public static final int STB_LOCAL = 0;
  public static final int STB_GLOBAL = 1;
  public static final int STB_WEAK = 2;

  public static final int STT_NOTYPE = 0;
  public static final int STT_OBJECT = 1;
  public static final int STT_FUNC = 2;
  public static final int STT_SECTION = 3;
  public static final int STT_FILE = 4;

  public static final int STV_DEFAULT = 0;
  public static final int STV_INTERNAL = 1;
  public static final int STV_HIDDEN = 2;
  public static final int STV_PROTECTED = 3;

  public static final int R_BPF_NONE = 0;
  public static final int R_BPF_64_64 = 1;
  public static final int R_BPF_64_ABS64 = 2;
  public static final int R_BPF_64_ABS32 = 3;
  public static final int R_BPF_64_NODYLD32 = 4;
  public static final int R_BPF_64_32 = 10;
}
