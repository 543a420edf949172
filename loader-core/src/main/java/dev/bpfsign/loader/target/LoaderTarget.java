package dev.bpfsign.loader.target;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.Printable;
import dev.bpfsign.loader.obj.InputsUsed;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The target a loader was generated for, as its file records it (docs/format.md, record 4;
 * docs/targets.md): the profile's SHA-256 ({@link TargetProfile#sha256}; {@code --target host}
 * counts as the profile {@code target capture} would write), or none when only single-field
 * options were given, and the values the object actually used. Only what was used is
 * recorded, so two loaders of one object for two profiles that differ in a field the object
 * never reads record the same fields.
 *
 * @param origin where the values came from
 * @param profileSha256 {@link TargetProfile#sha256} of the profile, present exactly when {@code
 *     origin} is {@link Origin#PROFILE}
 * @param kernelRelease the profile's {@code kernel_release}, when {@code LINUX_KERNEL_VERSION} was
 *     taken from the profile (null when the object did not use it, or {@code --kernel-version} gave it)
 * @param linuxKernelVersion the {@code LINUX_KERNEL_VERSION} value written into the blob, or null
 * @param possibleCpus the {@code max_entries} a size-less {@code PERF_EVENT_ARRAY} got, or null
 * @param kconfig the {@code CONFIG_*} externs set from the Kconfig, with their values
 * @param kallsyms the typeless ksyms given an address from kallsyms, with that address
 */
public record LoaderTarget(
    Origin origin,
    Bytes profileSha256,
    String kernelRelease,
    Integer linuxKernelVersion,
    Integer possibleCpus,
    SortedMap<String, String> kconfig,
    SortedMap<String, Long> kallsyms) {

  /** Where a loader's host values came from; the code is the record's first byte. */
  public enum Origin {
    /** Only single-field options ({@code --kernel-version}, {@code --kconfig}, …), no profile. */
    OPTIONS(0, "options"),
    /** A profile ({@code --target FILE}, or {@code --target host}: the profile capture would write). */
    PROFILE(1, "profile");

    private final int code;
    private final String label;

    Origin(int code, String label) {
      this.code = code;
      this.label = label;
    }

    public int code() {
      return code;
    }

    /** The name in JSON and text ({@code "origin": "profile"}). */
    public String label() {
      return label;
    }

    public static Origin fromCode(int code) {
      for (Origin o : values()) {
        if (o.code == code) {
          return o;
        }
      }
      return null;
    }
  }

  /** The longest kernel release a profile may hold ({@link TargetProfile#check}). */
  public static final int MAX_RELEASE = 64;
  /** The kernel's KSYM_NAME_LEN. */
  public static final int MAX_SYMBOL = 512;
  /** Kconfig values are short; a string option is the longest. */
  public static final int MAX_KCONFIG_VALUE = 4096;

  public LoaderTarget {
    Objects.requireNonNull(origin, "origin");
    if ((origin == Origin.PROFILE) != (profileSha256 != null)) {
      throw new IllegalArgumentException("a profile SHA-256 is recorded exactly when the origin is a profile file");
    }
    if (profileSha256 != null && profileSha256.length() != 32) {
      throw new IllegalArgumentException("a profile SHA-256 is 32 bytes, not " + profileSha256.length());
    }
    kconfig = Collections.unmodifiableSortedMap(new TreeMap<>(kconfig));
    kallsyms = Collections.unmodifiableSortedMap(new TreeMap<>(kallsyms));
    String problem = problem(kernelRelease, possibleCpus, kconfig, kallsyms);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * The record for an object generated from {@code profile} (null: options only) with these
   * inputs used. The kernel release is recorded only when the object used the kernel version and
   * it came from the profile, not from an option that overrode it.
   */
  public static LoaderTarget of(TargetProfile profile, boolean kernelVersionFromProfile, InputsUsed used) {
    String release = profile != null && kernelVersionFromProfile && used.kernelVersion() != null
        ? profile.kernelRelease() : null;
    return new LoaderTarget(profile == null ? Origin.OPTIONS : Origin.PROFILE, profile == null ? null : profile.sha256(),
        release, used.kernelVersion(), used.possibleCpus(), used.kconfig(), used.kallsyms());
  }

  /** Whether a record is worth writing: a profile was named, or the object used some value. */
  public boolean isWorthRecording() {
    return origin != Origin.OPTIONS || hasFields();
  }

  /** Whether the object used any host value. */
  public boolean hasFields() {
    return kernelRelease != null || linuxKernelVersion != null || possibleCpus != null || !kconfig.isEmpty()
        || !kallsyms.isEmpty();
  }

  /** {@code LINUX_KERNEL_VERSION} as X.Y.Z (the patch level as stored, at most 255). */
  public String linuxKernelVersionText() {
    if (linuxKernelVersion == null) {
      return null;
    }
    int v = linuxKernelVersion;
    return (v >>> 16) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }

  /** Why these values cannot be recorded (one line), or null: the checks the file reader applies too. */
  public static String problem(String kernelRelease, Integer possibleCpus, SortedMap<String, String> kconfig,
      SortedMap<String, Long> kallsyms) {
    if (kernelRelease != null && (kernelRelease.isEmpty() || kernelRelease.length() > MAX_RELEASE
        || !Printable.isPrintable(kernelRelease) || kernelRelease.contains(" "))) {
      return "kernel release " + Printable.quote(kernelRelease) + " is not 1-" + MAX_RELEASE
          + " printable characters without spaces";
    }
    if (possibleCpus != null && (possibleCpus < 1 || possibleCpus > TargetProfile.MAX_CPUS)) {
      return "possible CPU count " + possibleCpus + " is not between 1 and " + TargetProfile.MAX_CPUS;
    }
    for (var e : kconfig.entrySet()) {
      if (!KconfigText.isName(e.getKey()) || e.getKey().length() > 255) {
        return "Kconfig name " + Printable.quote(e.getKey()) + " is not CONFIG_[A-Za-z0-9_]+ of at most 255 characters";
      }
      if (!isText(e.getValue(), MAX_KCONFIG_VALUE, true)) {
        return "Kconfig value of " + e.getKey() + " " + Printable.quote(e.getValue()) + " is not 1-"
            + MAX_KCONFIG_VALUE + " printable characters";
      }
    }
    for (var e : kallsyms.entrySet()) {
      if (!isText(e.getKey(), MAX_SYMBOL, false)) {
        return "kallsyms name " + Printable.quote(e.getKey()) + " is not 1-" + MAX_SYMBOL
            + " printable characters without spaces";
      }
      if (e.getValue() == null) {
        return "kallsyms name " + e.getKey() + " has no address";
      }
    }
    return null;
  }

  static boolean isText(String s, int max, boolean spaces) {
    return !s.isEmpty() && s.length() <= max && Printable.isPrintable(s) && (spaces || !s.contains(" "));
  }
}
