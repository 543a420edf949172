package dev.bpfsign.loader.btf;

/**
 * An extern ({@code __kconfig} or {@code __ksym}) as libbpf's {@code bpf_object__collect_externs}
 * describes it: ELF symbol, BTF VAR/FUNC, its DATASEC, and for {@code .kconfig} externs the
 * value's size, alignment, kind and offset in the {@code .kconfig} map.
 *
 * @param btfId the extern's VAR or FUNC type id
 * @param secBtfId the DATASEC ({@code .kconfig} or {@code .ksyms}) holding it
 * @param essentialName the name without a {@code ___flavor} suffix
 * @param ksymTypeId for ksyms: the VAR's type (or FUNC's proto) with modifiers/typedefs skipped
 */
public record BtfExtern(
    String name,
    Kind kind,
    int btfId,
    int secBtfId,
    int symbolIndex,
    boolean weak,
    String essentialName,
    int kcfgSize,
    int kcfgAlign,
    KcfgType kcfgType,
    boolean kcfgSigned,
    int kcfgDataOff,
    int ksymTypeId) {

  /** In libbpf's order: kconfig externs sort before ksyms. */
  public enum Kind {
    KCONFIG,
    KSYM
  }

  /** libbpf's {@code enum kcfg_type}. */
  public enum KcfgType {
    NONE,
    UNKNOWN,
    CHAR,
    BOOL,
    INT,
    TRISTATE,
    CHAR_ARR
  }

  public boolean isFunction(Btf btf) {
    return btf.kind(btfId) == BtfKind.FUNC;
  }

  BtfExtern withKcfgDataOff(int off) {
    return new BtfExtern(name, kind, btfId, secBtfId, symbolIndex, weak, essentialName, kcfgSize, kcfgAlign, kcfgType, kcfgSigned, off, ksymTypeId);
  }
}
