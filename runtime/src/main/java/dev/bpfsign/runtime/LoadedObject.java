package dev.bpfsign.runtime;

import java.util.Objects;

/** One map or program a loader created: its skeleton name and the fd this process holds. */
public record LoadedObject(Kind kind, String name, int fd) {
  public enum Kind {
    MAP("map"),
    PROGRAM("program");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public LoadedObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (fd <= 0) {
      throw new IllegalArgumentException(kind.label() + " " + name + ": fd " + fd + " is not an open fd");
    }
  }
}
