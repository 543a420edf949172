package dev.bpfsign.runtime.kernel;

/** What the kernel reports about a map ({@code struct bpf_map_info}). */
public record MapInfo(int type, int id, int keySize, int valueSize, int maxEntries, int flags, String name) {}
