package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.Bytes;
import java.util.ArrayList;
import java.util.List;

/** A map while the object is opened: {@link MapSpec} plus where it came from in the ELF. */
final class MapState {
  String name;
  String realName;
  MapSpec.InternalKind internal = MapSpec.InternalKind.NONE;
  int secIndex;
  long secOffset;
  int btfVarIndex = -1;
  MapDef def;
  MapState inner;
  int btfKeyTypeId;
  int btfValueTypeId;
  byte[] value;
  /** Slot i of a map-in-map: index of the target map, or -1. */
  List<Integer> initSlots = new ArrayList<>();
  /** Slot i of a prog array initialised from the ELF: the target program's name. */
  List<String> progSlots = new ArrayList<>();

  MapSpec toSpec() {
    return new MapSpec(
        name,
        realName,
        internal,
        def.type,
        def.keySize,
        def.valueSize,
        def.maxEntries,
        def.flags,
        def.numaNode,
        def.mapExtra,
        btfKeyTypeId,
        btfValueTypeId,
        inner == null ? null : inner.toSpec(),
        initSlots,
        value == null ? null : Bytes.of(value));
  }
}
