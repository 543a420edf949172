package dev.bpfsign.loader.btf;

/** The three {@code .BTF.ext} subsections and their minimum record sizes. */
public enum BtfExtInfoKind {
  /** {@code bpf_func_info}: insn_off (bytes), type_id. */
  FUNC_INFO("func_info", 8),
  /** {@code bpf_line_info}: insn_off (bytes), file_name_off, line_off, line_col. */
  LINE_INFO("line_info", 16),
  /** {@code bpf_core_relo}: insn_off (bytes), type_id, access_str_off, kind. */
  CORE_RELO("core_relo", 16);

  private final String label;
  private final int minRecordSize;

  BtfExtInfoKind(String label, int minRecordSize) {
    this.label = label;
    this.minRecordSize = minRecordSize;
  }

  public String label() {
    return label;
  }

  public int minRecordSize() {
    return minRecordSize;
  }
}
