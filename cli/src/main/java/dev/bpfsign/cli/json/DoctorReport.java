package dev.bpfsign.cli.json;

import java.util.List;

/**
 * {@code bpfsign doctor --json}, schema {@code bpfsign.doctor/v1}
 * (docs/schemas/doctor.v1.schema.json).
 *
 * @param ready whether bpfsign can load loaders on this host
 * @param checks every check, in the order the text form prints them
 */
public record DoctorReport(String schema, boolean ready, List<Check> checks) implements Document {
  public static final String SCHEMA = "bpfsign.doctor/v1";

  public DoctorReport(boolean ready, List<Check> checks) {
    this(SCHEMA, ready, checks);
  }

  /**
   * @param status {@code OK} or {@code MISSING}
   * @param fix what to do about a missing feature; left out when the check passed
   */
  public record Check(String name, String status, String detail, String fix) {}
}
