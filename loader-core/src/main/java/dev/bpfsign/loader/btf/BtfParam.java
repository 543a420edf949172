package dev.bpfsign.loader.btf;

/** A FUNC_PROTO parameter; {@code type == 0} with no name marks variadic arguments. */
public record BtfParam(int nameOff, String name, int type) {}
