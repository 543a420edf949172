package dev.bpfsign.loader.btf;

/** BTF kind numbers ({@code include/uapi/linux/btf.h}) and the fixed linkage values. */
public final class BtfKind {
  private BtfKind() {}

  public static final int UNKN = 0;
  public static final int INT = 1;
  public static final int PTR = 2;
  public static final int ARRAY = 3;
  public static final int STRUCT = 4;
  public static final int UNION = 5;
  public static final int ENUM = 6;
  public static final int FWD = 7;
  public static final int TYPEDEF = 8;
  public static final int VOLATILE = 9;
  public static final int CONST = 10;
  public static final int RESTRICT = 11;
  public static final int FUNC = 12;
  public static final int FUNC_PROTO = 13;
  public static final int VAR = 14;
  public static final int DATASEC = 15;
  public static final int FLOAT = 16;
  public static final int DECL_TAG = 17;
  public static final int TYPE_TAG = 18;
  public static final int ENUM64 = 19;
  /** Highest kind this code knows; larger kinds are sized from the BTF layout section. */
  public static final int MAX_KNOWN = ENUM64;

  public static final int VAR_STATIC = 0;
  public static final int VAR_GLOBAL_ALLOCATED = 1;
  public static final int VAR_GLOBAL_EXTERN = 2;

  public static final int FUNC_STATIC = 0;
  public static final int FUNC_GLOBAL = 1;
  public static final int FUNC_EXTERN = 2;

  public static final int INT_SIGNED = 1;
  public static final int INT_CHAR = 2;
  public static final int INT_BOOL = 4;

  private static final String[] NAMES = {
    "UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD", "TYPEDEF", "VOLATILE",
    "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR", "DATASEC", "FLOAT", "DECL_TAG", "TYPE_TAG",
    "ENUM64"
  };

  public static String name(int kind) {
    return kind >= 0 && kind < NAMES.length ? NAMES[kind] : "KIND_" + kind;
  }

  /**
   * Number of 32-bit words after the 12-byte common header for a known kind, or -1 if unknown.
   */
  static int tailWords(int kind, int vlen) {
    return switch (kind) {
      case FWD, CONST, VOLATILE, RESTRICT, PTR, TYPEDEF, FUNC, FLOAT, TYPE_TAG -> 0;
      case INT, VAR, DECL_TAG -> 1;
      case ARRAY -> 3;
      case STRUCT, UNION, ENUM64, DATASEC -> 3 * vlen;
      case ENUM, FUNC_PROTO -> 2 * vlen;
      default -> -1;
    };
  }
}
