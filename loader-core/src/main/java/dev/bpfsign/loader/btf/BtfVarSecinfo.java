package dev.bpfsign.loader.btf;

/** One {@code btf_var_secinfo} of a DATASEC: the VAR (or FUNC, for .ksyms) type id, offset, size. */
public record BtfVarSecinfo(int type, int offset, int size) {}
