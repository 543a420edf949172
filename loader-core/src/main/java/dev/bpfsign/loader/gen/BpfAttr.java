package dev.bpfsign.loader.gen;

/**
 * The {@code union bpf_attr} prefixes gen_loader records (uapi {@code bpf.h}, 2026): command
 * numbers, field offsets and {@code offsetofend} sizes. A loader passes exactly these sizes to
 * {@code bpf_sys_bpf}, so they are part of the signed bytes.
 */
final class BpfAttr {
  static final int CMD_MAP_CREATE = 0;
  static final int CMD_MAP_UPDATE_ELEM = 2;
  static final int CMD_PROG_LOAD = 5;
  static final int CMD_BTF_LOAD = 18;
  static final int CMD_MAP_FREEZE = 22;

  // BPF_BTF_LOAD, up to btf_log_level
  static final int BTF_LOAD_SIZE = 28;
  static final int BTF = 0;
  static final int BTF_LOG_BUF = 8;
  static final int BTF_SIZE = 16;
  static final int BTF_LOG_SIZE = 20;
  static final int BTF_LOG_LEVEL = 24;

  // BPF_MAP_CREATE, up to map_extra
  static final int MAP_CREATE_SIZE = 72;
  static final int MAP_TYPE = 0;
  static final int KEY_SIZE = 4;
  static final int VALUE_SIZE = 8;
  static final int MAX_ENTRIES = 12;
  static final int MAP_FLAGS = 16;
  static final int INNER_MAP_FD = 20;
  static final int NUMA_NODE = 24;
  static final int MAP_NAME = 28;
  static final int MAP_IFINDEX = 44;
  static final int MAP_BTF_FD = 48;
  static final int BTF_KEY_TYPE_ID = 52;
  static final int BTF_VALUE_TYPE_ID = 56;
  static final int MAP_EXTRA = 64;
  /** {@code BPF_OBJ_NAME_LEN}: names are cut to 15 bytes plus NUL. */
  static final int OBJ_NAME_LEN = 16;

  // BPF_MAP_UPDATE_ELEM, up to flags
  static final int MAP_UPDATE_SIZE = 32;
  static final int ELEM_MAP_FD = 0;
  static final int ELEM_KEY = 8;
  static final int ELEM_VALUE = 16;

  // BPF_MAP_FREEZE, up to map_fd
  static final int MAP_FREEZE_SIZE = 4;

  // BPF_PROG_LOAD, up to core_relo_rec_size
  static final int PROG_LOAD_SIZE = 140;
  static final int PROG_TYPE = 0;
  static final int INSN_CNT = 4;
  static final int INSNS = 8;
  static final int LICENSE = 16;
  static final int LOG_LEVEL = 24;
  static final int LOG_SIZE = 28;
  static final int LOG_BUF = 32;
  static final int KERN_VERSION = 40;
  static final int PROG_FLAGS = 44;
  static final int PROG_NAME = 48;
  static final int PROG_IFINDEX = 64;
  static final int EXPECTED_ATTACH_TYPE = 68;
  static final int PROG_BTF_FD = 72;
  static final int FUNC_INFO_REC_SIZE = 76;
  static final int FUNC_INFO = 80;
  static final int FUNC_INFO_CNT = 88;
  static final int LINE_INFO_REC_SIZE = 92;
  static final int LINE_INFO = 96;
  static final int LINE_INFO_CNT = 104;
  static final int ATTACH_BTF_ID = 108;
  static final int ATTACH_BTF_OBJ_FD = 112;
  static final int CORE_RELO_CNT = 116;
  static final int FD_ARRAY = 120;
  static final int CORE_RELOS = 128;
  static final int CORE_RELO_REC_SIZE = 136;
  /** {@code sizeof(struct bpf_core_relo)}: insn_off, type_id, access_str_off, kind. */
  static final int CORE_RELO_SIZE = 16;

  private BpfAttr() {}
}
