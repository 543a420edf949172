package dev.bpfsign.loader.obj;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that libbpf would take from the build host, given explicitly so that generation is
 * a pure function of the object and these values: the object name (bpftool's {@code name}),
 * Kconfig text ({@code CONFIG_X=y} lines) for {@code __kconfig} externs, {@code
 * LINUX_KERNEL_VERSION}, kallsyms addresses for typeless {@code __ksym}s (placeholders the loader
 * overwrites at run time), the possible-CPU count for PERF_EVENT_ARRAY maps without a size, and
 * the page size ring buffers are rounded to. {@code kconfigSource} names where the Kconfig text
 * came from (a file), for messages about its lines; null when it has no name.
 */
public record GenInputs(
    String objectName,
    String kconfig,
    Integer kernelVersion,
    Map<String, Long> kallsyms,
    Integer possibleCpus,
    int pageSize,
    String kconfigSource) {
  public static final int DEFAULT_PAGE_SIZE = 4096;

  public GenInputs(String objectName, String kconfig, Integer kernelVersion, Map<String, Long> kallsyms,
      Integer possibleCpus, int pageSize) {
    this(objectName, kconfig, kernelVersion, kallsyms, possibleCpus, pageSize, null);
  }

  public GenInputs {
    Objects.requireNonNull(objectName, "objectName");
    // a TreeMap: sorted, and it may hold null for an ambiguous name
    kallsyms = kallsyms == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(kallsyms));
    if (possibleCpus != null && possibleCpus <= 0) {
      throw new IllegalArgumentException("possible CPU count " + possibleCpus + " is not positive");
    }
    if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
      throw new IllegalArgumentException("page size " + pageSize + " is not a power of two");
    }
  }

  /** Only the object name; no Kconfig, no kernel version, no kallsyms (addresses stay 0). */
  public static GenInputs named(String objectName) {
    return new GenInputs(objectName, null, null, null, null, DEFAULT_PAGE_SIZE);
  }

  public GenInputs withKconfig(String text) {
    return new GenInputs(objectName, text, kernelVersion, kallsyms, possibleCpus, pageSize, null);
  }

  /** The Kconfig text of the file {@code source} (named in messages about its lines). */
  public GenInputs withKconfig(String text, String source) {
    return new GenInputs(objectName, text, kernelVersion, kallsyms, possibleCpus, pageSize, source);
  }

  public GenInputs withKernelVersion(int version) {
    return new GenInputs(objectName, kconfig, version, kallsyms, possibleCpus, pageSize, kconfigSource);
  }

  public GenInputs withKallsyms(Map<String, Long> addresses) {
    return new GenInputs(objectName, kconfig, kernelVersion, addresses, possibleCpus, pageSize, kconfigSource);
  }

  /** bpftool's default object name: the file's base name without {@code .o}, as a C identifier. */
  public static String objectNameFor(String fileName) {
    // bpftool works on bytes: basename, at most 63 of them, drop ".o", then every byte that is
    // not an ASCII letter, digit or '_' becomes '_'
    byte[] b = fileName.substring(fileName.lastIndexOf('/') + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int n = Math.min(b.length, 63);
    if (n >= 2 && b[n - 2] == '.' && b[n - 1] == 'o') {
      n -= 2;
    }
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = (char) (b[i] & 0xff);
      out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    return out.toString();
  }
}
