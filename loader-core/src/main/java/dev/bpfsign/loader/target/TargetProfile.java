package dev.bpfsign.loader.target;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.Printable;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.KernelVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@code gen} may take from a host, captured once ({@code bpfsign target capture})
 * and named as the target of a loader: the schema {@code bpfsign.target/v1} of {@code
 * docs/targets.md}. Every field is optional; an absent one is simply not known, and an object
 * that needs it is refused naming it. Pure data: the JSON form is read and written by the CLI,
 * the host is read by the runtime.
 *
 * @param kernelRelease {@code uname -r}
 * @param kernelVersion X.Y.Z for {@code LINUX_KERNEL_VERSION} when it does not come from the
 *     release (Ubuntu's {@code /proc/version_signature}); null: from the release
 * @param possibleCpus the count of {@code /sys/devices/system/cpu/possible}
 * @param kconfig {@code CONFIG_*} name → value as written in the Kconfig file
 * @param kallsyms symbol name → address; a name listed at two addresses maps to null
 * @param sources field name → where its value came from (a path, {@code uname}, an option)
 * @param capturedAt when it was captured (ISO-8601 UTC), or null
 */
public record TargetProfile(
    String kernelRelease,
    String kernelVersion,
    Integer possibleCpus,
    SortedMap<String, String> kconfig,
    SortedMap<String, Long> kallsyms,
    SortedMap<String, String> sources,
    String capturedAt) {
  public static final String SCHEMA = "bpfsign.target/v1";
  /** Fields a profile may hold, in document order; {@code sources} keys are among them. */
  public static final Set<String> FIELDS = Set.of("kernel_release", "kernel_version", "possible_cpus", "kconfig", "kallsyms");
  /** Far above any real machine (the kernel's NR_CPUS limit is 8192). */
  public static final int MAX_CPUS = 1 << 16;

  private static final Pattern VERSION = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,9})");
  /** libbpf's {@code sscanf(release, "%u.%u.%u")}: three numbers at the start, anything after. */
  private static final Pattern RELEASE_PREFIX = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*", Pattern.DOTALL);

  public TargetProfile {
    kconfig = kconfig == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(kconfig));
    kallsyms = kallsyms == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(kallsyms));
    sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources == null ? Map.of() : sources));
  }

  /**
   * Checks every field the way a hostile file would break it and returns the profile; {@code
   * file} names it in the one-line message, with the field.
   */
  public TargetProfile check(String file) throws BadInputException {
    if (kernelRelease != null && (kernelRelease.isEmpty() || kernelRelease.length() > 64 || !Printable.isPrintable(kernelRelease)
        || kernelRelease.contains(" "))) {
      throw bad(file, "kernel_release", Printable.quote(kernelRelease) + " is not a kernel release (uname -r: 1-64 printable characters, no spaces)");
    }
    if (kernelVersion != null && !VERSION.matcher(kernelVersion).matches()) {
      throw bad(file, "kernel_version", Printable.quote(kernelVersion) + " is not X.Y.Z");
    }
    if (kernelVersion != null) {
      try {
        KernelVersion.parse(kernelVersion);
      } catch (BadInputException e) {
        throw bad(file, "kernel_version", e.getMessage());
      }
    }
    if (possibleCpus != null && (possibleCpus < 1 || possibleCpus > MAX_CPUS)) {
      throw bad(file, "possible_cpus", possibleCpus + " is not between 1 and " + MAX_CPUS);
    }
    if (kconfig != null) {
      for (Map.Entry<String, String> e : kconfig.entrySet()) {
        if (!KconfigText.isName(e.getKey())) {
          throw bad(file, "kconfig", Printable.quote(e.getKey()) + " is not a Kconfig name (CONFIG_[A-Za-z0-9_]+)");
        }
        if (e.getValue().isEmpty() || !Printable.isPrintable(e.getValue())) {
          throw bad(file, "kconfig." + e.getKey(), "value " + Printable.quote(e.getValue()) + " is empty or not printable text");
        }
      }
    }
    if (kallsyms != null) {
      for (String name : kallsyms.keySet()) {
        if (name.isEmpty() || name.length() > 512 || !Printable.isPrintable(name) || name.contains(" ")) {
          throw bad(file, "kallsyms", Printable.quote(name) + " is not a symbol name");
        }
      }
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (!FIELDS.contains(e.getKey())) {
        throw bad(file, "sources", Printable.quote(e.getKey()) + " is not a profile field (one of " + FIELDS.stream().sorted().toList() + ")");
      }
      if (!Printable.isPrintable(e.getValue())) {
        throw bad(file, "sources." + e.getKey(), Printable.quote(e.getValue()) + " is not printable text");
      }
    }
    if (capturedAt != null) {
      try {
        Instant.parse(capturedAt);
      } catch (DateTimeParseException ex) {
        throw bad(file, "captured_at", Printable.quote(capturedAt) + " is not an ISO-8601 UTC time");
      }
    }
    return this;
  }

  private static BadInputException bad(String file, String field, String message) {
    return new BadInputException(file + ": field '" + field + "': " + message);
  }

  /**
   * {@code LINUX_KERNEL_VERSION} as libbpf computes it on that host: from {@link #kernelVersion}
   * if set, else from the release's leading X.Y.Z ({@code get_kernel_version}); null when
   * neither gives one (libbpf fails there too).
   */
  public Integer linuxKernelVersion() throws BadInputException {
    if (kernelVersion != null) {
      return KernelVersion.parse(kernelVersion);
    }
    return kernelRelease == null ? null : versionOfRelease(kernelRelease);
  }

  /**
   * {@code LINUX_KERNEL_VERSION} of a release as libbpf's {@code get_kernel_version} computes it
   * (its leading X.Y.Z), or null when it has none.
   */
  public static Integer versionOfRelease(String release) throws BadInputException {
    Matcher m = RELEASE_PREFIX.matcher(release);
    if (!m.matches()) {
      return null;
    }
    return KernelVersion.parse(m.group(1) + "." + m.group(2) + "." + m.group(3));
  }

  /** The generator's inputs for an object named {@code objectName} on this target. */
  public GenInputs genInputs(String objectName) throws BadInputException {
    return new GenInputs(objectName, kconfig == null ? null : KconfigText.format(kconfig), linuxKernelVersion(),
        kallsyms, possibleCpus, GenInputs.DEFAULT_PAGE_SIZE, "the target profile's kconfig");
  }

  /**
   * The bytes {@link #sha256} is taken over (docs/targets.md, "The profile's SHA-256"): what the
   * target is, whatever the JSON's formatting, without {@code sources} and {@code captured_at}
   * (where and when say nothing about the host) and without kallsyms: addresses are boot-specific
   * and the list changes whenever a BPF program or module is loaded, so a hash over them would
   * name one moment of one boot, not a host; the addresses an object used are recorded beside the
   * hash. So {@code --target host} and the file {@code target capture} writes on that host have
   * one hash, with or without {@code --no-kallsyms}. ASCII lines, each ending in {@code \n}:
   * {@code bpfsign.target/v1}; then, each only when the field is present, {@code kernel_release
   * R}, {@code kernel_version X.Y.Z}, {@code possible_cpus N}, {@code kconfig N} followed by N
   * lines {@code NAME=VALUE} sorted by name.
   */
  public byte[] canonicalBytes() {
    StringBuilder out = new StringBuilder(SCHEMA).append('\n');
    if (kernelRelease != null) {
      out.append("kernel_release ").append(kernelRelease).append('\n');
    }
    if (kernelVersion != null) {
      out.append("kernel_version ").append(kernelVersion).append('\n');
    }
    if (possibleCpus != null) {
      out.append("possible_cpus ").append(possibleCpus).append('\n');
    }
    if (kconfig != null) {
      out.append("kconfig ").append(kconfig.size()).append('\n');
      kconfig.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    }
    return out.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The profile's SHA-256: of {@link #canonicalBytes}, what a loader file and a policy name it by. */
  public Bytes sha256() {
    return Bytes.of(canonicalBytes()).sha256();
  }

  /** This profile without kallsyms (and its source): what {@code --no-kallsyms} keeps. */
  public TargetProfile withoutKallsyms() {
    SortedMap<String, String> s = new TreeMap<>(sources);
    s.remove("kallsyms");
    return new TargetProfile(kernelRelease, kernelVersion, possibleCpus, kconfig, null, s, capturedAt);
  }
}
