package dev.bpfsign.loader.emu;

/** The BTF a loader uploads: its size in bytes and lower-case hex SHA-256. */
public record ManifestBtf(int size, String sha256) {}
