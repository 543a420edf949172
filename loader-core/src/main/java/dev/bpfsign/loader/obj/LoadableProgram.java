package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * An entry program ready for {@code BPF_PROG_LOAD}: code with its subprograms appended and map,
 * global-data and extern references relocated (immutable slots in little-endian layout); func/line info
 * as 32-bit words, {@code insn_off} already in slots of this program; CO-RE records and extern
 * references in instruction order. {@code attachName} is the kernel function/tracepoint after
 * the {@code /} of a BTF-attach section (null otherwise).
 */
public record LoadableProgram(
    String name,
    String sectionName,
    int progType,
    int expectedAttachType,
    int progFlags,
    String attachName,
    Bytes insns,
    int[] funcInfo,
    int funcInfoRecSize,
    int[] lineInfo,
    int lineInfoRecSize,
    List<CoreRelo> coreRelos,
    List<ExternRelo> externs) {

  public LoadableProgram {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(insns, "insns");
    funcInfo = funcInfo.clone();
    lineInfo = lineInfo.clone();
    coreRelos = List.copyOf(coreRelos);
    externs = List.copyOf(externs);
  }

  public int insnCount() {
    return insns.length() / 8;
  }

  public int funcInfoCount() {
    return funcInfoRecSize == 0 ? 0 : funcInfo.length * 4 / funcInfoRecSize;
  }

  public int lineInfoCount() {
    return lineInfoRecSize == 0 ? 0 : lineInfo.length * 4 / lineInfoRecSize;
  }

  @Override
  public int[] funcInfo() {
    return funcInfo.clone();
  }

  @Override
  public int[] lineInfo() {
    return lineInfo.clone();
  }
}
