package dev.bpfsign.runtime.enforce;

import dev.bpfsign.runtime.HostCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** {@code bpfsign doctor}'s enforcement lines: is a policy active, and can this host enforce at all. */
public final class EnforceDoctor {
  private EnforceDoctor() {}

  public static List<HostCheck> check(Path bpffs) {
    List<Enforcement.Active> active = Enforcement.status(bpffs);
    if (!active.isEmpty()) {
      String what = active.stream().map(a -> a.scope() + " " + (a.policy().audit() ? "auditing " : "enforcing ")
          + a.policy().mode().label()).collect(Collectors.joining(", "));
      return List.of(new HostCheck("BPF LSM programs", true, "a bpfsign policy is attached, so they load here", ""),
          new HostCheck("enforcement", true, what + " (bpfsign enforce --status)", ""));
    }
    LsmProbe.Result lsm = LsmProbe.probe();
    return List.of(
        new HostCheck("BPF LSM programs", lsm.loads(), lsm.detail(),
            lsm.loads() ? "" : "boot a kernel that loads BPF LSM programs (CONFIG_BPF_LSM=y, lsm=...,bpf)"),
        new HostCheck("enforcement", false, "no bpfsign policy is active" + (lsm.loads() ? "" : "; this host cannot"
            + " enforce"), lsm.loads() ? "bpfsign enforce --audit first, then bpfsign enforce (docs/enforce.md)"
            : "enforce on a kernel that loads BPF LSM programs"));
  }
}
