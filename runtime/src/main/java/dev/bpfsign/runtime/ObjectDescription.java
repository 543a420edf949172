package dev.bpfsign.runtime;

/**
 * What the kernel says about a created object (BPF_OBJ_GET_INFO_BY_FD). For programs the map
 * fields are 0.
 *
 * @param name the skeleton name (full length)
 * @param kernelName the kernel's copy of the name (at most 15 characters)
 * @param type the kernel's map or program type number
 */
public record ObjectDescription(
    LoadedObject.Kind kind,
    String name,
    int id,
    int type,
    String typeName,
    String kernelName,
    int keySize,
    int valueSize,
    int maxEntries) {}
