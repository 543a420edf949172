package dev.bpfsign.loader.btf;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decoders for the members of a BTF-defined map (libbpf's {@code bpf_helpers.h} macros), as
 * libbpf's {@code get_map_field_int}/{@code get_map_field_long} read them:
 *
 * <ul>
 *   <li>{@code __uint(name, N)} = {@code int (*name)[N]}: a pointer to an array; the value is the
 *       array's {@code nelems}.
 *   <li>{@code __type(name, T)} = {@code typeof(T) *name}: a pointer; the value is the pointee id.
 *   <li>{@code __ulong(name, V)} = an anonymous one-enumerator ENUM/ENUM64 whose value is V (or a
 *       {@code __uint} pointer).
 *   <li>{@code __array(name, T)} = {@code typeof(T) *name[]}: an array of pointers (map-in-map
 *       and prog-array {@code values}); the value is the pointee of the element pointer.
 * </ul>
 */
public final class BtfMapFields {
  private BtfMapFields() {}

  /** The {@code __uint} value of member type {@code memberType}; empty if not that shape. */
  public static OptionalInt uintValue(Btf btf, int memberType) throws BtfFormatException {
    int ptr = BtfResolve.skipModsAndTypedefs(btf, memberType);
    if (btf.kind(ptr) != BtfKind.PTR) {
      return OptionalInt.empty();
    }
    int array = btf.sizeOrType(ptr);
    if (btf.kind(array) != BtfKind.ARRAY) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(btf.tail(array, 2));
  }

  /**
   * The {@code __ulong} value (or a {@code __uint} widened to 64 bits); empty if not that shape. A
   * 32-bit ENUM value is sign-extended, as in libbpf.
   */
  public static OptionalLong ulongValue(Btf btf, int memberType) throws BtfFormatException {
    int t = BtfResolve.skipModsAndTypedefs(btf, memberType);
    int kind = btf.kind(t);
    if (kind == BtfKind.PTR) {
      OptionalInt v = uintValue(btf, memberType);
      return v.isPresent() ? OptionalLong.of(Integer.toUnsignedLong(v.getAsInt())) : OptionalLong.empty();
    }
    if ((kind != BtfKind.ENUM && kind != BtfKind.ENUM64) || btf.vlen(t) != 1) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(btf.type(t).enumValues().getFirst().value());
  }

  /** The pointee of a {@code __type} member; empty if the member is not a pointer. */
  public static OptionalInt typeValue(Btf btf, int memberType) throws BtfFormatException {
    int ptr = BtfResolve.skipModsAndTypedefs(btf, memberType);
    if (btf.kind(ptr) != BtfKind.PTR) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(btf.sizeOrType(ptr));
  }

  /**
   * For a {@code values} member ({@code __array}): the map-definition struct (or program type)
   * the element pointer points to, modifiers and typedefs skipped; empty if not that shape.
   */
  public static OptionalInt arrayOfPointersTarget(Btf btf, int memberType) throws BtfFormatException {
    int array = BtfResolve.skipModsAndTypedefs(btf, memberType);
    if (btf.kind(array) != BtfKind.ARRAY) {
      return OptionalInt.empty();
    }
    int ptr = BtfResolve.skipModsAndTypedefs(btf, btf.tail(array, 0));
    if (btf.kind(ptr) != BtfKind.PTR) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(BtfResolve.skipModsAndTypedefs(btf, btf.sizeOrType(ptr)));
  }

  /** Element count of an {@code __array} member (0 for {@code values[]}). */
  public static long arrayLength(Btf btf, int memberType) throws BtfFormatException {
    int array = BtfResolve.skipModsAndTypedefs(btf, memberType);
    if (btf.kind(array) != BtfKind.ARRAY) {
      return -1;
    }
    return Integer.toUnsignedLong(btf.tail(array, 2));
  }
}
