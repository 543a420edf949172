package dev.bpfsign.loader.target;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.Printable;
import dev.bpfsign.loader.emu.KconfigImage;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds a target record's {@code LINUX_KERNEL_VERSION} and Kconfig values against the {@code
 * .kconfig} map value the loader writes ({@link KconfigImage}, from the signed data blob): each
 * recorded value must be what generation writes for it, as libbpf encodes it (a bool 0/1 or a
 * char for {@code y}/{@code n}, a tristate 0/1/2 for {@code y}/{@code n}/{@code m}, an integer
 * of the variable's size, a NUL-terminated string cut to the array).
 */
public final class RecordedKconfig {
  private static final String KERNEL_VERSION = "LINUX_KERNEL_VERSION";

  private RecordedKconfig() {}

  /** One phrase per recorded value the bytes contradict; empty when they agree. */
  public static List<String> contradictions(LoaderTarget target, KconfigImage image, ByteOrder order) {
    List<String> out = new ArrayList<>();
    if (target.linuxKernelVersion() != null) {
      Bytes v = image.values().get(KERNEL_VERSION);
      if (v == null || v.length() != 4) {
        out.add("the record says LINUX_KERNEL_VERSION " + target.linuxKernelVersionText()
            + ", but the loader's .kconfig map has no 4-byte LINUX_KERNEL_VERSION");
      } else if (v.buffer(order).getInt() != target.linuxKernelVersion()) {
        int got = v.buffer(order).getInt();
        out.add("the record says LINUX_KERNEL_VERSION " + target.linuxKernelVersionText() + ", the signed data holds "
            + (got >>> 16) + "." + ((got >>> 8) & 0xff) + "." + (got & 0xff));
      }
    }
    for (Map.Entry<String, String> e : target.kconfig().entrySet()) {
      Bytes v = image.values().get(e.getKey());
      if (v == null) {
        out.add("the record gives " + e.getKey() + ", which the loader's .kconfig map does not have");
      } else if (!holds(v, e.getValue(), order)) {
        out.add("the record says " + e.getKey() + "=" + Printable.quote(e.getValue())
            + ", the signed data holds another value");
      }
    }
    return out;
  }

  /** Whether {@code bytes} (one variable) is what generation writes for the Kconfig value {@code value}. */
  static boolean holds(Bytes bytes, String value, ByteOrder order) {
    int size = bytes.length();
    if (value.length() == 1 && "ynm".indexOf(value.charAt(0)) >= 0) {
      char c = value.charAt(0);
      long tristate = c == 'y' ? 1 : c == 'm' ? 2 : 0;
      return switch (size) {
        case 1 -> bytes.get(0) == (byte) c || (c != 'm' && bytes.get(0) == (byte) tristate);
        case 4 -> bytes.buffer(order).getInt() == tristate;
        default -> false;
      };
    }
    if (value.startsWith("\"")) {
      if (value.length() < 2 || !value.endsWith("\"") || size == 0) {
        return false;
      }
      byte[] text = value.substring(1, value.length() - 1).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      int n = Math.min(text.length, size - 1);
      for (int i = 0; i < n; i++) {
        if (bytes.get(i) != text[i]) {
          return false;
        }
      }
      return bytes.get(n) == 0;
    }
    BigInteger number = number(value);
    if (number == null || size == 0 || size > 8) {
      return false;
    }
    long written = number.longValue();
    long stored = switch (size) {
      case 1 -> bytes.get(0) & 0xffL;
      case 2 -> bytes.buffer(order).getShort() & 0xffffL;
      case 4 -> bytes.buffer(order).getInt() & 0xffffffffL;
      case 8 -> bytes.buffer(order).getLong();
      default -> ~written; // no integer has that size
    };
    long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
    return (written & mask) == stored;
  }

  /** strtoull(value, 0): decimal, 0x hex or leading-0 octal; null if it is none of them. */
  private static BigInteger number(String v) {
    try {
      BigInteger n = v.startsWith("0x") || v.startsWith("0X") ? new BigInteger(v.substring(2), 16)
          : v.length() > 1 && v.startsWith("0") ? new BigInteger(v.substring(1), 8) : new BigInteger(v, 10);
      return n.signum() < 0 || n.bitLength() > 64 ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
