package dev.bpfsign.loader.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * A view of type {@code id} in {@code btf}; nothing is copied until a list accessor is called.
 * Accessors for kind-specific data throw {@link IllegalStateException} on the wrong kind.
 */
public record BtfType(Btf btf, int id) {

  public int kind() {
    return btf.kind(id);
  }

  public String kindName() {
    return BtfKind.name(kind());
  }

  public int nameOff() {
    return btf.nameOff(id);
  }

  public String name() {
    return btf.name(id);
  }

  public int vlen() {
    return btf.vlen(id);
  }

  public boolean kindFlag() {
    return btf.kindFlag(id);
  }

  /** {@code size} of INT, ENUM, ENUM64, STRUCT, UNION, DATASEC, FLOAT. */
  public int size() {
    expect(BtfKind.INT, BtfKind.ENUM, BtfKind.ENUM64, BtfKind.STRUCT, BtfKind.UNION, BtfKind.DATASEC, BtfKind.FLOAT);
    return btf.sizeOrType(id);
  }

  /** Referenced {@code type} of PTR, TYPEDEF, modifiers, FUNC, FUNC_PROTO (return), VAR, tags. */
  public int type() {
    expect(BtfKind.PTR, BtfKind.TYPEDEF, BtfKind.VOLATILE, BtfKind.CONST, BtfKind.RESTRICT,
        BtfKind.FUNC, BtfKind.FUNC_PROTO, BtfKind.VAR, BtfKind.DECL_TAG, BtfKind.TYPE_TAG);
    return btf.sizeOrType(id);
  }

  /** INT encoding bits ({@link BtfKind#INT_SIGNED} etc.). */
  public int intEncoding() {
    expect(BtfKind.INT);
    return (btf.tail(id, 0) >>> 24) & 0x0f;
  }

  public int intOffset() {
    expect(BtfKind.INT);
    return (btf.tail(id, 0) >>> 16) & 0xff;
  }

  public int intBits() {
    expect(BtfKind.INT);
    return btf.tail(id, 0) & 0xff;
  }

  public int arrayType() {
    expect(BtfKind.ARRAY);
    return btf.tail(id, 0);
  }

  public int arrayIndexType() {
    expect(BtfKind.ARRAY);
    return btf.tail(id, 1);
  }

  /** Element count, an unsigned 32-bit value. */
  public long arrayNelems() {
    expect(BtfKind.ARRAY);
    return Integer.toUnsignedLong(btf.tail(id, 2));
  }

  public List<BtfMember> members() {
    expect(BtfKind.STRUCT, BtfKind.UNION);
    int n = vlen();
    boolean kflag = kindFlag();
    List<BtfMember> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int off = btf.tail(id, 3 * i);
      out.add(new BtfMember(off, btf.string(off), btf.tail(id, 3 * i + 1), btf.tail(id, 3 * i + 2), kflag));
    }
    return out;
  }

  public List<BtfParam> params() {
    expect(BtfKind.FUNC_PROTO);
    int n = vlen();
    List<BtfParam> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int off = btf.tail(id, 2 * i);
      out.add(new BtfParam(off, btf.string(off), btf.tail(id, 2 * i + 1)));
    }
    return out;
  }

  /** ENUM values are sign-extended from 32 bits, as libbpf reads {@code btf_enum.val}. */
  public List<BtfEnumValue> enumValues() {
    expect(BtfKind.ENUM, BtfKind.ENUM64);
    int n = vlen();
    List<BtfEnumValue> out = new ArrayList<>(n);
    boolean wide = kind() == BtfKind.ENUM64;
    for (int i = 0; i < n; i++) {
      int off = btf.tail(id, wide ? 3 * i : 2 * i);
      long value =
          wide
              ? Integer.toUnsignedLong(btf.tail(id, 3 * i + 1)) | (long) btf.tail(id, 3 * i + 2) << 32
              : btf.tail(id, 2 * i + 1);
      out.add(new BtfEnumValue(off, btf.string(off), value));
    }
    return out;
  }

  public int varLinkage() {
    expect(BtfKind.VAR);
    return btf.tail(id, 0);
  }

  /** FUNC linkage ({@link BtfKind#FUNC_STATIC} etc.), kept in the vlen bits. */
  public int funcLinkage() {
    expect(BtfKind.FUNC);
    return vlen();
  }

  public List<BtfVarSecinfo> secinfos() {
    expect(BtfKind.DATASEC);
    int n = vlen();
    List<BtfVarSecinfo> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new BtfVarSecinfo(btf.tail(id, 3 * i), btf.tail(id, 3 * i + 1), btf.tail(id, 3 * i + 2)));
    }
    return out;
  }

  public int declTagComponentIdx() {
    expect(BtfKind.DECL_TAG);
    return btf.tail(id, 0);
  }

  public boolean isModifier() {
    int k = kind();
    return k == BtfKind.VOLATILE || k == BtfKind.CONST || k == BtfKind.RESTRICT || k == BtfKind.TYPE_TAG;
  }

  private void expect(int... kinds) {
    int k = kind();
    for (int want : kinds) {
      if (k == want) {
        return;
      }
    }
    throw new IllegalStateException("type [" + id + "] is a " + kindName());
  }

  @Override
  public String toString() {
    return "[" + id + "] " + kindName() + " '" + name() + "'";
  }
}
