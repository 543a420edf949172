package dev.bpfsign.loader.btf;

/**
 * The {@code .BTF} header. {@code layoutOff}/{@code layoutLen} are the 2026 optional layout
 * section fields, present when {@code hdrLen >= 32} (0 otherwise). All offsets are relative to
 * the end of the header.
 */
public record BtfHeader(
    int magic,
    int version,
    int flags,
    int hdrLen,
    int typeOff,
    int typeLen,
    int strOff,
    int strLen,
    int layoutOff,
    int layoutLen) {
  public static final int MAGIC = 0xeB9F;
  /** Header length without the layout fields (before 2026). */
  public static final int BASE_LEN = 24;
  /** Header length with the layout fields. */
  public static final int FULL_LEN = 32;
}
