package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;

/**
 * A program's load attributes from its section definition ({@code bpf_object_init_progs},
 * {@code libbpf_prepare_prog_load} with every kernel feature assumed): type, expected attach
 * type, {@code BPF_F_SLEEPABLE}/{@code BPF_F_XDP_HAS_FRAGS}, USDT as uprobe-multi, and the BTF
 * attach target named after the section's {@code /}.
 */
final class ProgramSettings {
  private static final int PROG_TYPE_XDP = 6;
  private static final int PROG_TYPE_STRUCT_OPS = 27;
  private static final int PROG_TYPE_EXT = 28;
  private static final int F_SLEEPABLE = 1 << 4;
  private static final int F_XDP_HAS_FRAGS = 1 << 5;
  private static final int TRACE_UPROBE_MULTI = 48;
  private static final int TRACE_FENTRY_MULTI = 59;
  private static final int TRACE_FSESSION_MULTI = 61;

  private ProgramSettings() {}

  private static boolean isTracingMulti(int attachType) {
    return attachType >= TRACE_FENTRY_MULTI && attachType <= TRACE_FSESSION_MULTI;
  }

  static LoadableProgram loadable(String file, ProgState p, DataRelocator.Records records, boolean hasBtf)
      throws BadInputException {
    String where = file + ": program '" + p.name + "' (section '" + p.secName + "')";
    SectionDefs.SectionDef def = p.secDef;
    if (def == null) {
      throw new BadInputException(where + ": unknown section name, so no program type");
    }
    int type = def.progType();
    int attachType = def.expectedAttachType();
    int flags = 0;
    if (type == PROG_TYPE_STRUCT_OPS) {
      throw new BadInputException(where + ": struct_ops programs are not supported by loader programs");
    }
    if (def.has(SectionDefs.SLEEPABLE)) {
      flags |= F_SLEEPABLE;
    }
    if (type == PROG_TYPE_XDP && def.has(SectionDefs.XDP_FRAGS)) {
      flags |= F_XDP_HAS_FRAGS;
    }
    if (def.has(SectionDefs.USDT)) {
      attachType = TRACE_UPROBE_MULTI;
    }
    String attachName = null;
    if (def.has(SectionDefs.ATTACH_BTF)) {
      if (type == PROG_TYPE_EXT) {
        throw new BadInputException(where + ": freplace needs a target program fd; not supported by loader programs");
      }
      int slash = p.secName.indexOf('/');
      if (slash < 0) {
        throw new BadInputException(where + ": no BTF attach target in the section name (expected e.g. 'fentry/FUNCTION')");
      }
      attachName = p.secName.substring(slash + 1);
    }
    if (isTracingMulti(attachType) && p.secName.indexOf(':', Math.max(0, p.secName.indexOf('/'))) >= 0) {
      throw new BadInputException(where + ": multi-attach to module functions needs module BTF; not supported by loader programs");
    }
    int fiSize = hasBtf && p.funcInfo != null ? p.funcInfoRecSize : 0;
    int liSize = hasBtf && p.lineInfo != null ? p.lineInfoRecSize : 0;
    return new LoadableProgram(
        p.name,
        p.secName,
        type,
        attachType,
        flags,
        attachName,
        p.code(),
        fiSize == 0 ? new int[0] : p.funcInfo.toArray(),
        fiSize,
        liSize == 0 ? new int[0] : p.lineInfo.toArray(),
        liSize,
        records.core(),
        records.externs());
  }
}
