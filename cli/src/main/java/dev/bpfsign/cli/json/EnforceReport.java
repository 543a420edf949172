package dev.bpfsign.cli.json;

import java.util.List;

/** {@code bpfsign enforce --status --json} and {@code --watch --json} (docs/schemas/enforce-*.v1). */
public final class EnforceReport {
  private EnforceReport() {}

  /** Every active policy. */
  public record Status(String schema, List<Policy> policies) implements Document {
    public static final String SCHEMA = "bpfsign.enforce-status/v1";

    public Status(List<Policy> policies) {
      this(SCHEMA, policies);
    }
  }

  /**
   * @param scope {@code host} or {@code cgroup-ID}
   * @param since when it was installed (ISO-8601, UTC)
   */
  public record Policy(String scope, String pinnedAt, String mode, boolean audit, List<Integer> keyrings,
      List<Cgroup> allowCgroups, List<String> allowProgramTypes, String since, int linkId, int programId,
      Counters counters) {}

  public record Cgroup(long id, int level) {}

  public record Counters(long kernelOriginated, long allowedSigned, long allowedCgroup, long allowedType,
      long refused, long wouldRefuse, long eventsLost) {}

  /**
   * One decision on a userspace load.
   *
   * @param decision {@code allowed}, {@code refused} or {@code would-refuse} (audit)
   * @param keyring the keyring id the load named; left out when unsigned
   */
  public record Event(String schema, String scope, String decision, String reason, int pid, int uid, String comm,
      long cgroupId, String programType, String programName, boolean signed, Integer keyring) implements Document {
    public static final String SCHEMA = "bpfsign.enforce-event/v1";

    public Event(String scope, String decision, String reason, int pid, int uid, String comm, long cgroupId,
        String programType, String programName, boolean signed, Integer keyring) {
      this(SCHEMA, scope, decision, reason, pid, uid, comm, cgroupId, programType, programName, signed, keyring);
    }
  }
}
