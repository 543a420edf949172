package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * One map as libbpf would create it ({@code struct bpf_map} after open and prepare): {@code
 * name} is what the kernel sees (internal maps: libbpf's shortened name), {@code realName} the
 * ELF/BTF name. {@code inner} is the inner-map prototype of a map-in-map; {@code initSlots[i]}
 * is the index of the map placed in slot i from the ELF ({@code -1}: empty). Internal maps carry
 * their initial value.
 */
public record MapSpec(
    String name,
    String realName,
    InternalKind internal,
    int type,
    int keySize,
    int valueSize,
    int maxEntries,
    int flags,
    int numaNode,
    long mapExtra,
    int btfKeyTypeId,
    int btfValueTypeId,
    MapSpec inner,
    List<Integer> initSlots,
    Bytes initialValue) {

  /** libbpf's {@code enum libbpf_map_type}. */
  public enum InternalKind {
    NONE,
    DATA,
    BSS,
    RODATA,
    KCONFIG;

    public boolean isInternal() {
      return this != NONE;
    }
  }

  public static final int TYPE_PROG_ARRAY = 3;
  public static final int TYPE_PERF_EVENT_ARRAY = 4;
  public static final int TYPE_ARRAY_OF_MAPS = 12;
  public static final int TYPE_HASH_OF_MAPS = 13;
  public static final int TYPE_RINGBUF = 27;
  public static final int TYPE_USER_RINGBUF = 31;
  public static final int TYPE_ARENA = 33;
  public static final int TYPE_STRUCT_OPS = 26;
  public static final int F_RDONLY_PROG = 1 << 7;
  public static final int F_MMAPABLE = 1 << 10;

  public MapSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(realName, "realName");
    Objects.requireNonNull(internal, "internal");
    initSlots = List.copyOf(initSlots);
    initialValue = initialValue == null ? Bytes.EMPTY : initialValue;
  }

  public boolean isMapInMap() {
    return type == TYPE_ARRAY_OF_MAPS || type == TYPE_HASH_OF_MAPS;
  }
}
