package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Printable;
import dev.bpfsign.loader.btf.BtfExtern;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Gives externs their values as libbpf does when it generates a loader ({@code
 * bpf_object__resolve_externs} with every kernel feature assumed): {@code __kconfig} values from
 * the explicit Kconfig text and kernel version, {@code LINUX_HAS_*} as 1, typed ksyms and kfuncs
 * left to the loader, typeless ksym addresses from the explicit kallsyms (placeholders). A strong
 * extern left without a value is an error, a weak one is 0.
 */
final class ExternResolver {
  private final List<Extern> externs;
  private final GenInputs inputs;
  private final String file;
  private final InputsUsed.Recorder used;
  /** {@code FILE:LINE} of the Kconfig line being applied, else null. */
  private String kconfigLine;

  ExternResolver(List<Extern> externs, GenInputs inputs, String file, InputsUsed.Recorder used) {
    this.externs = externs;
    this.inputs = inputs;
    this.file = file;
    this.used = used;
  }

  /** Fills {@code kconfig} (the .kconfig map value, or null when there is none). */
  void resolve(byte[] kconfig, ByteOrder order) throws BadInputException {
    ByteBuffer data = kconfig == null ? null : ByteBuffer.wrap(kconfig).order(order);
    boolean needConfig = false;
    for (Extern e : externs) {
      if (!e.isKconfig()) {
        if (e.desc.ksymTypeId() != 0) {
          e.isSet = true; // the loader finds the BTF id at run time
        }
        continue;
      }
      if (e.name.startsWith("CONFIG_")) {
        needConfig = true;
        continue;
      }
      long value;
      switch (e.name) {
        case "LINUX_KERNEL_VERSION" -> {
          if (inputs.kernelVersion() == null) {
            throw bad(e, "needs the target's kernel version; pass --kernel-version X.Y.Z or --target FILE|host"
                + " (nothing is read from this machine unless asked)");
          }
          value = Integer.toUnsignedLong(inputs.kernelVersion());
          used.kernelVersion = inputs.kernelVersion();
        }
        case "LINUX_HAS_BPF_COOKIE", "LINUX_HAS_SYSCALL_WRAPPER" -> value = 1;
        default -> {
          if (!e.name.startsWith("LINUX_") || !e.weak) {
            throw bad(e, "unrecognized virtual extern");
          }
          value = 0;
        }
      }
      setNum(e, data, value);
    }
    if (needConfig && inputs.kconfig() != null) {
      String[] lines = inputs.kconfig().split("\n", -1);
      for (int n = 0; n < lines.length; n++) {
        kconfigLine = (inputs.kconfigSource() != null ? inputs.kconfigSource() : "Kconfig") + ":" + (n + 1);
        kconfigLine(lines[n], data);
      }
      kconfigLine = null;
    }
    if (inputs.kallsyms() != null) {
      for (Extern e : externs) {
        if (e.isTypelessKsym()) {
          if (inputs.kallsyms().containsKey(e.name) && inputs.kallsyms().get(e.name) == null) {
            throw bad(e, "is listed with two addresses in the given kallsyms (ambiguous)");
          }
          Long addr = inputs.kallsyms().get(e.name);
          if (addr != null) {
            e.ksymAddr = addr;
            e.isSet = true;
            used.kallsyms.put(e.name, addr);
          }
        }
      }
    } else {
      for (Extern e : externs) {
        if (e.isTypelessKsym()) {
          e.isSet = true; // no kallsyms given: address 0, resolved by the loader at run time
        }
      }
    }
    for (Extern e : externs) {
      if (!e.isSet && !e.weak) {
        throw bad(e, !e.isKconfig() ? "(strong) has no address in the given kallsyms"
            : inputs.kconfig() == null ? "needs the target's Kconfig; pass --kconfig FILE or --target FILE|host"
            : "(strong) is not set in the given Kconfig");
      }
    }
  }

  private BadInputException bad(Extern e, String message) {
    if (kconfigLine != null) {
      // a value from a Kconfig line: name the line first, then the object whose extern it is for
      return new BadInputException(kconfigLine + ": " + e.name + ": " + message + " (extern of " + file + ")");
    }
    return new BadInputException(file + ": extern '" + e.name + "' " + message);
  }

  private Extern find(String name) {
    for (Extern e : externs) {
      if (e.name.equals(name)) {
        return e;
      }
    }
    return null;
  }

  private void kconfigLine(String line, ByteBuffer data) throws BadInputException {
    if (!line.startsWith("CONFIG_")) {
      return;
    }
    int sep = line.indexOf('=');
    if (sep < 0) {
      throw new BadInputException(kconfigLine + ": cannot parse " + Printable.quote(line) + ": no '='");
    }
    if (sep == line.length() - 1) {
      throw new BadInputException(kconfigLine + ": cannot parse " + Printable.quote(line) + ": no value");
    }
    Extern e = find(line.substring(0, sep));
    if (e == null || e.isSet || !e.isKconfig()) {
      return;
    }
    String value = line.substring(sep + 1);
    used.kconfig.put(e.name, value);
    switch (value.charAt(0)) {
      case 'y', 'n', 'm' -> setTristate(e, data, value.charAt(0));
      case '"' -> setString(e, data, value);
      default -> {
        long num = parseU64(e, value);
        if (e.desc.kcfgType() != BtfExtern.KcfgType.INT && e.desc.kcfgType() != BtfExtern.KcfgType.CHAR) {
          throw bad(e, "value " + Printable.quote(value) + " implies an integer type");
        }
        setNum(e, data, num);
      }
    }
  }

  private void setTristate(Extern e, ByteBuffer data, char v) throws BadInputException {
    int off = e.desc.kcfgDataOff();
    switch (e.desc.kcfgType()) {
      case BOOL -> {
        if (v == 'm') {
          throw bad(e, "value 'm' implies tristate or char type");
        }
        data.put(off, (byte) (v == 'y' ? 1 : 0));
      }
      case TRISTATE -> data.putInt(off, v == 'y' ? 1 : v == 'm' ? 2 : 0);
      case CHAR -> data.put(off, (byte) v);
      default -> throw bad(e, "value " + Printable.quote(String.valueOf(v)) + " implies bool, tristate or char type");
    }
    e.isSet = true;
  }

  private void setString(Extern e, ByteBuffer data, String value) throws BadInputException {
    if (e.desc.kcfgType() != BtfExtern.KcfgType.CHAR_ARR) {
      throw bad(e, "string value implies a char array type");
    }
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    if (b.length < 2 || b[b.length - 1] != '"') {
      throw bad(e, "invalid string value " + value);
    }
    int len = Math.min(b.length - 2, e.desc.kcfgSize() - 1);
    data.put(e.desc.kcfgDataOff(), b, 1, len);
    data.put(e.desc.kcfgDataOff() + len, (byte) 0);
    e.isSet = true;
  }

  /** strtoull(value, 0): decimal, 0x hex or leading-0 octal, the whole string. */
  private long parseU64(Extern e, String value) throws BadInputException {
    try {
      String v = value.trim().equals(value) ? value : null;
      if (v == null || v.isEmpty()) {
        throw new NumberFormatException();
      }
      BigInteger n;
      if (v.startsWith("0x") || v.startsWith("0X")) {
        n = new BigInteger(v.substring(2), 16);
      } else if (v.length() > 1 && v.startsWith("0")) {
        n = new BigInteger(v.substring(1), 8);
      } else {
        n = new BigInteger(v, 10);
      }
      if (n.signum() < 0 || n.bitLength() > 64) {
        throw new NumberFormatException();
      }
      return n.longValue();
    } catch (NumberFormatException ex) {
      throw bad(e, "value " + Printable.quote(value) + " is not a valid integer");
    }
  }

  private void setNum(Extern e, ByteBuffer data, long value) throws BadInputException {
    if (e.desc.kcfgType() != BtfExtern.KcfgType.INT && e.desc.kcfgType() != BtfExtern.KcfgType.CHAR && e.desc.kcfgType() != BtfExtern.KcfgType.BOOL) {
      throw bad(e, "value " + Long.toUnsignedString(value) + " implies integer, char or boolean type");
    }
    if (e.desc.kcfgType() == BtfExtern.KcfgType.BOOL && Long.compareUnsigned(value, 1) > 0) {
      throw bad(e, "value " + Long.toUnsignedString(value) + " is not boolean");
    }
    int bits = e.desc.kcfgSize() * 8;
    if (bits < 64) {
      boolean fits = e.desc.kcfgSigned()
          ? Long.compareUnsigned(value + (1L << (bits - 1)), 1L << bits) < 0
          : value >>> bits == 0;
      if (!fits) {
        throw bad(e, "value " + Long.toUnsignedString(value) + " does not fit in " + e.desc.kcfgSize() + " bytes");
      }
    }
    int off = e.desc.kcfgDataOff();
    switch (e.desc.kcfgSize()) {
      case 1 -> data.put(off, (byte) value);
      case 2 -> data.putShort(off, (short) value);
      case 4 -> data.putInt(off, (int) value);
      case 8 -> data.putLong(off, value);
      default -> throw bad(e, "has unsupported size " + e.desc.kcfgSize());
    }
    e.isSet = true;
  }

}
