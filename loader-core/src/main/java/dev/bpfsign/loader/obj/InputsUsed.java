package dev.bpfsign.loader.obj;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which of the {@link GenInputs} host values one object actually consumed, and with what value:
 * what a loader file records as its target (docs/format.md, record 4). Sorted maps, so the record
 * written from it has one byte form.
 *
 * @param kernelVersion the {@code LINUX_KERNEL_VERSION} value written, or null when no extern used it
 * @param possibleCpus the CPU count a size-less {@code PERF_EVENT_ARRAY} got, or null
 * @param kconfig each {@code CONFIG_*} extern set from the Kconfig, with the value as written there
 * @param kallsyms each typeless {@code __ksym} given an address from the kallsyms, with that address
 */
public record InputsUsed(
    Integer kernelVersion,
    Integer possibleCpus,
    SortedMap<String, String> kconfig,
    SortedMap<String, Long> kallsyms) {
  public static final InputsUsed NONE = new InputsUsed(null, null, new TreeMap<>(), new TreeMap<>());

  public InputsUsed {
    kconfig = Collections.unmodifiableSortedMap(new TreeMap<>(kconfig));
    kallsyms = Collections.unmodifiableSortedMap(new TreeMap<>(kallsyms));
  }

  public boolean isEmpty() {
    return kernelVersion == null && possibleCpus == null && kconfig.isEmpty() && kallsyms.isEmpty();
  }

  /** Collects what {@code ObjectReader} consumes while it resolves externs and sizes maps. */
  static final class Recorder {
    Integer kernelVersion;
    Integer possibleCpus;
    final SortedMap<String, String> kconfig = new TreeMap<>();
    final SortedMap<String, Long> kallsyms = new TreeMap<>();

    InputsUsed done() {
      return new InputsUsed(kernelVersion, possibleCpus, kconfig, kallsyms);
    }
  }
}
