package dev.bpfsign.loader.obj;

/** A map definition while it is parsed from BTF ({@code struct btf_map_def}). */
final class MapDef {
  int type;
  int keySize;
  int valueSize;
  int maxEntries;
  int flags;
  int numaNode;
  long mapExtra;
  int keyTypeId;
  int valueTypeId;
  int pinning;
  MapDef inner;
  /** A {@code values} member: map-in-map inner maps or prog-array programs. */
  boolean hasValues;
}
