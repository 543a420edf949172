package dev.bpfsign.loader.btf;

/** An ENUM (32-bit value, sign-extended per libbpf) or ENUM64 enumerator. */
public record BtfEnumValue(int nameOff, String name, long value) {}
