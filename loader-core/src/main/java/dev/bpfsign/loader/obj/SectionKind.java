package dev.bpfsign.loader.obj;

/** What libbpf makes of an ELF section ({@code enum sec_type} plus the special ones). */
enum SectionKind {
  NONE,
  DATA,
  RODATA,
  BSS,
  RELO,
  STRUCT_OPS
}
