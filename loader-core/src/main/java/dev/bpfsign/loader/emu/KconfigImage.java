package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfFormatException;
import dev.bpfsign.loader.btf.BtfKind;
import dev.bpfsign.loader.emu.KernelCall.BtfLoad;
import dev.bpfsign.loader.emu.KernelCall.MapCreate;
import dev.bpfsign.loader.emu.KernelCall.MapUpdateElem;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code .kconfig} map's initial value as a loader writes it, cut into its variables by the
 * BTF the loader uploads (the map's value type is the {@code .kconfig} DATASEC): what the
 * object's {@code __kconfig} externs ({@code LINUX_KERNEL_VERSION}, {@code CONFIG_*}) hold.
 * These bytes come from the data blob, so they are covered by the signatures; a verifier can
 * hold a loader file's unsigned target record against them.
 *
 * @param values variable name → its bytes in the map value, in name order
 */
public record KconfigImage(Map<String, Bytes> values) {
  private static final String KCONFIG = ".kconfig";

  public KconfigImage {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /**
   * The image of an emulation, or empty when the loader creates no {@code .kconfig} map with a
   * value (an object without {@code __kconfig} externs) or its BTF does not describe it.
   */
  public static Optional<KconfigImage> of(Emulation emulation) {
    byte[] btfBytes = null;
    long btfFd = -1;
    Btf btf = null;
    long kconfigFd = -1;
    int datasec = 0;
    Bytes value = null;
    for (TraceEvent event : emulation.trace().events()) {
      KernelCall call = event.call();
      if (call instanceof BtfLoad load && event.result() > 0) {
        btfBytes = load.btf().toArray();
        btfFd = event.result();
        btf = null;
      } else if (call instanceof MapCreate create && event.result() > 0 && create.btfFd() == btfFd && btfBytes != null
          && create.btfValueTypeId() > 0) {
        try {
          if (btf == null) {
            btf = Btf.parse("the loader's BTF", btfBytes);
          }
          int id = create.btfValueTypeId();
          if (btf.hasType(id) && btf.kind(id) == BtfKind.DATASEC && btf.name(id).equals(KCONFIG)) {
            kconfigFd = event.result();
            datasec = id;
          }
        } catch (BtfFormatException e) {
          return Optional.empty(); // a BTF the kernel would refuse: nothing to cut the value by
        }
      } else if (call instanceof MapUpdateElem update && event.result() == 0 && update.mapFd() == kconfigFd) {
        value = update.value();
      }
    }
    if (value == null) {
      return Optional.empty();
    }
    Map<String, Bytes> vars = new TreeMap<>();
    for (int i = 0; i < btf.vlen(datasec); i++) {
      int var = btf.tail(datasec, 3 * i);
      long offset = Integer.toUnsignedLong(btf.tail(datasec, 3 * i + 1));
      long size = Integer.toUnsignedLong(btf.tail(datasec, 3 * i + 2));
      if (btf.hasType(var) && offset + size <= value.length()) {
        vars.put(btf.name(var), value.slice((int) offset, (int) size));
      }
    }
    return Optional.of(new KconfigImage(vars));
  }
}
