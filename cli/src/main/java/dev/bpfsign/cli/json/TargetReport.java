package dev.bpfsign.cli.json;

import dev.bpfsign.loader.target.LoaderTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target a loader file records (docs/format.md, record 4), as {@code inspect --json}, {@code
 * verify --json} and {@code diff --json} show it: {@code origin} ({@code profile} or {@code
 * options}), the profile's SHA-256 when there was one, and the host values the object used;
 * absent ones are left out. Addresses are lower-case hex without {@code 0x}, as in a profile.
 */
public record TargetReport(
    String origin,
    String profileSha256,
    String kernelRelease,
    String kernelVersion,
    Integer possibleCpus,
    Map<String, String> kconfig,
    Map<String, String> kallsyms) {

  /** The report of a record, or null for none (the field is then left out). */
  public static TargetReport of(LoaderTarget t) {
    if (t == null) {
      return null;
    }
    Map<String, String> addresses = new LinkedHashMap<>();
    t.kallsyms().forEach((name, addr) -> addresses.put(name, Long.toHexString(addr)));
    return new TargetReport(t.origin().label(), t.profileSha256() == null ? null : t.profileSha256().hex(),
        t.kernelRelease(), t.linuxKernelVersionText(), t.possibleCpus(),
        t.kconfig().isEmpty() ? null : new LinkedHashMap<>(t.kconfig()), addresses.isEmpty() ? null : addresses);
  }
}
