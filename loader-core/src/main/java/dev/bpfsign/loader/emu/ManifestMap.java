package dev.bpfsign.loader.emu;

import java.util.List;

/**
 * A map a loader creates, as decoded from its {@code BPF_MAP_CREATE} and the commands that
 * follow on the same fd.
 *
 * @param name the skeleton (ctx layout) name, or null for a map that does not reach the ctx
 *     (an inner-map prototype)
 * @param kernelName the name the kernel gets (at most 15 characters)
 * @param typeName the uapi map type in lower case ("array"), or null if unknown
 * @param initialValueSha256 SHA-256 (hex) of the value written with {@code BPF_MAP_UPDATE_ELEM}
 *     (global data), or null if none
 * @param frozen whether the loader freezes it ({@code .rodata}, {@code .kconfig})
 * @param innerMap kernel name of the inner-map prototype of a map-in-map, or null
 * @param innerMapSlots for a map-in-map, "key=kernel name" of each slot the loader fills
 */
public record ManifestMap(
    String name,
    String kernelName,
    int type,
    String typeName,
    int keySize,
    int valueSize,
    int maxEntries,
    int flags,
    String initialValueSha256,
    boolean frozen,
    String innerMap,
    List<String> innerMapSlots) {
  public ManifestMap {
    innerMapSlots = List.copyOf(innerMapSlots);
  }
}
