package dev.bpfsign.runtime;

import java.util.Objects;

/**
 * One line of {@code bpfsign doctor}: whether the host has something admission needs, what was
 * seen, and a one-line fix when it is missing (empty when ok).
 */
public record HostCheck(String name, boolean ok, String detail, String fix) {
  public HostCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(fix, "fix");
  }

  static HostCheck ok(String name, String detail) {
    return new HostCheck(name, true, detail, "");
  }

  static HostCheck missing(String name, String detail, String fix) {
    return new HostCheck(name, false, detail, fix);
  }
}
