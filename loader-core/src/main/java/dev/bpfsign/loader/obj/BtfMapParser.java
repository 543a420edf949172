package dev.bpfsign.loader.obj;

import static dev.bpfsign.loader.obj.BtfTypes.arrayNelems;
import static dev.bpfsign.loader.obj.BtfTypes.arrayType;
import static dev.bpfsign.loader.obj.BtfTypes.memberName;
import static dev.bpfsign.loader.obj.BtfTypes.memberType;
import static dev.bpfsign.loader.obj.BtfTypes.skipModsAndTypedefs;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfKind;

/**
 * Reads a BTF-defined map ({@code parse_btf_map_def}): the struct in {@code SEC(".maps")} whose
 * members encode attributes in their types ({@code __uint(name, n)} is a pointer to an array of
 * n elements, {@code __type(key, T)} a pointer to T, {@code __array(values, ...)} a zero-length
 * array of pointers). Unknown members are refused, as libbpf does in strict mode.
 */
final class BtfMapParser {
  private final Btf btf;
  private final String where;

  BtfMapParser(Btf btf, String where) {
    this.btf = btf;
    this.where = where;
  }

  MapDef parse(String mapName, int defId, boolean isInner) throws BadInputException {
    MapDef def = new MapDef();
    int vlen = btf.vlen(defId);
    for (int i = 0; i < vlen; i++) {
      String name = memberName(btf, defId, i);
      int mtype = memberType(btf, defId, i);
      switch (name) {
        case "type" -> def.type = intField(mapName, name, mtype);
        case "max_entries" -> def.maxEntries = intField(mapName, name, mtype);
        case "map_flags" -> def.flags = intField(mapName, name, mtype);
        case "numa_node" -> def.numaNode = intField(mapName, name, mtype);
        case "key_size" -> def.keySize = sizeField(mapName, "key", def.keySize, intField(mapName, name, mtype));
        case "value_size" -> def.valueSize = sizeField(mapName, "value", def.valueSize, intField(mapName, name, mtype));
        case "key" -> {
          int target = pointee(mapName, name, mtype);
          def.keySize = sizeField(mapName, "key", def.keySize, typeSize(mapName, name, target));
          def.keyTypeId = target;
        }
        case "value" -> {
          int target = pointee(mapName, name, mtype);
          def.valueSize = sizeField(mapName, "value", def.valueSize, typeSize(mapName, name, target));
          def.valueTypeId = target;
        }
        case "values" -> values(mapName, def, mtype, i == vlen - 1, isInner);
        case "pinning" -> {
          if (isInner) {
            throw bad(mapName, "inner map definitions cannot be pinned");
          }
          def.pinning = intField(mapName, name, mtype);
          if (def.pinning > 1) {
            throw bad(mapName, "invalid pinning value " + def.pinning);
          }
        }
        case "map_extra" -> def.mapExtra = longField(mapName, name, mtype);
        default -> throw bad(mapName, "unknown field '" + name + "'");
      }
    }
    if (def.type == 0) {
      throw bad(mapName, "map type is not specified");
    }
    return def;
  }

  private void values(String mapName, MapDef def, int mtype, boolean last, boolean isInner) throws BadInputException {
    boolean mapInMap = def.type == MapSpec.TYPE_ARRAY_OF_MAPS || def.type == MapSpec.TYPE_HASH_OF_MAPS;
    boolean progArray = def.type == MapSpec.TYPE_PROG_ARRAY;
    if (isInner) {
      throw bad(mapName, "multi-level inner maps are not supported");
    }
    if (!last) {
      throw bad(mapName, "'values' must be the last member");
    }
    if (!mapInMap && !progArray) {
      throw bad(mapName, "'values' is only for map-in-map and prog-array maps");
    }
    def.valueSize = sizeField(mapName, "value", def.valueSize, 4);
    if (btf.kind(mtype) != BtfKind.ARRAY || arrayNelems(btf, mtype) != 0) {
      throw bad(mapName, "'values' is not a zero-sized array");
    }
    int t = skipModsAndTypedefs(btf, arrayType(btf, mtype));
    if (btf.kind(t) != BtfKind.PTR) {
      throw bad(mapName, "'values' elements are " + BtfKind.name(btf.kind(t)) + ", not pointers");
    }
    t = skipModsAndTypedefs(btf, btf.sizeOrType(t));
    def.hasValues = true;
    if (progArray) {
      if (btf.kind(t) != BtfKind.FUNC_PROTO) {
        throw bad(mapName, "prog-array 'values' do not point to functions");
      }
      return;
    }
    if (btf.kind(t) != BtfKind.STRUCT) {
      throw bad(mapName, "map-in-map 'values' do not point to a map definition struct");
    }
    def.inner = parse(mapName + ".inner", t, true);
  }

  private int intField(String mapName, String field, int mtype) throws BadInputException {
    int t = skipModsAndTypedefs(btf, mtype);
    if (btf.kind(t) != BtfKind.PTR) {
      throw bad(mapName, "attribute '" + field + "' is " + BtfKind.name(btf.kind(t)) + ", expected PTR");
    }
    int arr = btf.sizeOrType(t);
    if (btf.kind(arr) != BtfKind.ARRAY) {
      throw bad(mapName, "attribute '" + field + "' points to " + BtfKind.name(btf.kind(arr)) + ", expected ARRAY");
    }
    return arrayNelems(btf, arr);
  }

  private long longField(String mapName, String field, int mtype) throws BadInputException {
    int t = skipModsAndTypedefs(btf, mtype);
    if (btf.kind(t) == BtfKind.PTR) {
      return Integer.toUnsignedLong(intField(mapName, field, mtype));
    }
    if ((btf.kind(t) != BtfKind.ENUM && btf.kind(t) != BtfKind.ENUM64) || btf.vlen(t) != 1) {
      throw bad(mapName, "attribute '" + field + "' is not a one-value ENUM");
    }
    if (btf.kind(t) == BtfKind.ENUM) {
      return btf.tail(t, 1); // libbpf reads the (signed) enum value into a u64
    }
    return Integer.toUnsignedLong(btf.tail(t, 1)) | (long) btf.tail(t, 2) << 32;
  }

  private int pointee(String mapName, String field, int mtype) throws BadInputException {
    if (btf.kind(mtype) != BtfKind.PTR) {
      throw bad(mapName, field + " spec is " + BtfKind.name(btf.kind(mtype)) + ", not PTR");
    }
    return btf.sizeOrType(mtype);
  }

  private int typeSize(String mapName, String field, int type) throws BadInputException {
    long size = BtfTypes.resolveSize(btf, type);
    if (size < 0) {
      throw bad(mapName, "cannot determine " + field + " size of type [" + type + "]");
    }
    return (int) size;
  }

  private int sizeField(String mapName, String what, int old, int size) throws BadInputException {
    if (old != 0 && old != size) {
      throw bad(mapName, "conflicting " + what + " size " + Integer.toUnsignedString(old) + " != " + Integer.toUnsignedString(size));
    }
    return size;
  }

  private BadInputException bad(String mapName, String message) {
    return new BadInputException(where + ": map '" + mapName + "': " + message);
  }
}
