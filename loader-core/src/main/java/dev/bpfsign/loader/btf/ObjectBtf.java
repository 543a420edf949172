package dev.bpfsign.loader.btf;

import java.util.List;

/**
 * An object's BTF after libbpf's open-time fix-ups, and the externs found on the way (sorted as
 * libbpf sorts them: kconfig before ksyms; kconfig by descending alignment, ascending size, then
 * name; ksyms by name).
 */
public record ObjectBtf(Btf btf, List<BtfExtern> externs) {
  public ObjectBtf {
    externs = List.copyOf(externs);
  }
}
