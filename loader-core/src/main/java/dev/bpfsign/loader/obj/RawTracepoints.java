package dev.bpfsign.loader.obj;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracepoint each raw tracepoint program attaches to, as bpftool's light skeleton finds it:
 * the part of the ELF section name after its {@code /} ({@code raw_tp/NAME},
 * {@code raw_tracepoint/NAME} and their {@code .s} forms). A program of that type whose section has
 * no {@code /} gets no entry, as bpftool gives it no auto-attach. The loader instructions never
 * contain these names, so they must travel beside them for {@code skel} and {@code load --attach}.
 */
public final class RawTracepoints {
  /** {@code BPF_PROG_TYPE_RAW_TRACEPOINT}; the writable variant is not auto-attached by bpftool. */
  static final int PROG_TYPE_RAW_TRACEPOINT = 17;

  private RawTracepoints() {}

  /** Program name to tracepoint name, in program order. */
  public static Map<String, String> of(List<LoadableProgram> programs) {
    Map<String, String> names = new LinkedHashMap<>();
    for (LoadableProgram p : programs) {
      if (p.progType() != PROG_TYPE_RAW_TRACEPOINT || p.sectionName() == null) {
        continue;
      }
      int slash = p.sectionName().indexOf('/');
      if (slash >= 0 && slash + 1 < p.sectionName().length()) {
        names.put(p.name(), p.sectionName().substring(slash + 1));
      }
    }
    return Collections.unmodifiableMap(names);
  }

  /** Whether {@code name} can be a tracepoint name (what the file format and the kernel accept). */
  public static boolean isValidName(String name) {
    return !name.isEmpty() && name.length() <= 255 && name.chars().allMatch(c -> c == '_' || c == '.' || c == '-'
        || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
}
