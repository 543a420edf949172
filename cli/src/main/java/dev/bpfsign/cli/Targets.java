package dev.bpfsign.cli;

import dev.bpfsign.cli.json.TargetProfileJson;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.target.TargetProfile;
import dev.bpfsign.runtime.target.HostTarget;
import java.io.IOException;
import java.nio.file.Path;

/** {@code --target FILE|host}: a profile file, or this machine read as libbpf reads it. */
final class Targets {
  static final String HOST = "host";
  /** A profile with every kallsyms entry of a large kernel stays well below this. */
  static final long MAX_PROFILE_SIZE = 256L << 20;

  private Targets() {}

  static TargetProfile read(String spec) throws IOException, BadInputException {
    if (spec.equals(HOST)) {
      // exactly the inputs libbpf would read here; what cannot be read stays unknown, as for bpftool
      return HostTarget.capture(true, null).profile();
    }
    Path path = Path.of(spec);
    return TargetProfileJson.parse(InputFiles.read(path, MAX_PROFILE_SIZE), spec);
  }

  /** The name of a target in batch output directories: the profile file's base name without .json. */
  static String label(String spec) {
    if (spec.equals(HOST)) {
      return HOST;
    }
    String name = Path.of(spec).getFileName() == null ? spec : Path.of(spec).getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }
}
