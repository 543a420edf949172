package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
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

  // The loader file stores names as C identifiers of at most 255 characters (docs/format.md).

  /** Program name to tracepoint name, in program order. */
  public static Map<String, String> of(List<LoadableProgram> programs, String source) throws BadInputException {
    Map<String, String> names = new LinkedHashMap<>();
    for (LoadableProgram p : programs) {
      if (p.progType() != PROG_TYPE_RAW_TRACEPOINT || p.sectionName() == null) {
        continue;
      }
      int slash = p.sectionName().indexOf('/');
      if (slash >= 0 && slash + 1 < p.sectionName().length()) {
        String tp = p.sectionName().substring(slash + 1);
        if (!tp.matches("[A-Za-z_][A-Za-z0-9_]{0,254}")) {
          throw new BadInputException(source + ": program " + p.name() + ": section " + p.sectionName()
              + " names a raw tracepoint that is not a C identifier");
        }
        names.put(p.name(), tp);
      }
    }
    return Collections.unmodifiableMap(names);
  }
}
