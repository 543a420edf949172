package dev.bpfsign.loader.emu;

/**
 * {@code union bpf_attr} and friends, written once (uapi {@code linux/bpf.h} as of Linux 6.18,
 * x86-64 layout; offsets checked with {@code offsetof} against the uapi header). The emulator
 * decodes loader attrs with these; the runtime's FFM binding builds its attrs with the same
 * numbers. Offsets are bytes from the start of the attr; {@code *_END} is
 * {@code offsetofend} of a command's last field, the attr size passed to {@code bpf()}.
 */
public final class BpfAttr {
  /** sizeof(union bpf_attr) on 6.18; the kernel refuses larger attrs with non-zero tails. */
  public static final int UNION_SIZE = 168;

  // ---- commands (enum bpf_cmd) ----
  public static final int MAP_CREATE = 0;
  public static final int MAP_LOOKUP_ELEM = 1;
  public static final int MAP_UPDATE_ELEM = 2;
  public static final int MAP_DELETE_ELEM = 3;
  public static final int PROG_LOAD = 5;
  public static final int OBJ_PIN = 6;
  public static final int OBJ_GET = 7;
  public static final int PROG_RUN = 10;
  public static final int MAP_GET_FD_BY_ID = 14;
  public static final int OBJ_GET_INFO_BY_FD = 15;
  public static final int RAW_TRACEPOINT_OPEN = 17;
  public static final int BTF_LOAD = 18;
  public static final int MAP_FREEZE = 22;
  public static final int LINK_CREATE = 28;

  // ---- BPF_BTF_LOAD ----
  public static final int BTF_BTF = 0;
  public static final int BTF_LOG_BUF = 8;
  public static final int BTF_SIZE = 16;
  public static final int BTF_LOG_SIZE = 20;
  public static final int BTF_LOG_LEVEL = 24;
  public static final int BTF_LOAD_END = 28;

  // ---- BPF_MAP_CREATE ----
  public static final int MAP_TYPE = 0;
  public static final int MAP_KEY_SIZE = 4;
  public static final int MAP_VALUE_SIZE = 8;
  public static final int MAP_MAX_ENTRIES = 12;
  public static final int MAP_FLAGS = 16;
  public static final int MAP_INNER_MAP_FD = 20;
  public static final int MAP_NUMA_NODE = 24;
  public static final int MAP_NAME = 28;
  public static final int OBJ_NAME_LEN = 16;
  public static final int MAP_IFINDEX = 44;
  public static final int MAP_BTF_FD = 48;
  public static final int MAP_BTF_KEY_TYPE_ID = 52;
  public static final int MAP_BTF_VALUE_TYPE_ID = 56;
  public static final int MAP_BTF_VMLINUX_VALUE_TYPE_ID = 60;
  public static final int MAP_EXTRA = 64;
  /** What gen_loader passes for the maps a loader creates (ends at map_extra). */
  public static final int MAP_CREATE_LOADER_END = 72;
  public static final int MAP_VALUE_TYPE_BTF_OBJ_FD = 72;
  public static final int MAP_TOKEN_FD = 76;
  public static final int MAP_EXCL_PROG_HASH = 80;
  public static final int MAP_EXCL_PROG_HASH_SIZE = 88;
  /** What the 6.18 light skeleton passes for {@code __loader.map} (ends at excl_prog_hash_size). */
  public static final int MAP_CREATE_END = 92;

  // ---- BPF_MAP_*_ELEM ----
  public static final int ELEM_MAP_FD = 0;
  public static final int ELEM_KEY = 8;
  public static final int ELEM_VALUE = 16;
  public static final int ELEM_FLAGS = 24;
  public static final int ELEM_END = 32;

  // ---- BPF_MAP_FREEZE ----
  public static final int FREEZE_MAP_FD = 0;
  public static final int FREEZE_END = 4;

  // ---- BPF_PROG_LOAD ----
  public static final int PROG_TYPE = 0;
  public static final int PROG_INSN_CNT = 4;
  public static final int PROG_INSNS = 8;
  public static final int PROG_LICENSE = 16;
  public static final int PROG_LOG_LEVEL = 24;
  public static final int PROG_LOG_SIZE = 28;
  public static final int PROG_LOG_BUF = 32;
  public static final int PROG_KERN_VERSION = 40;
  public static final int PROG_FLAGS = 44;
  public static final int PROG_NAME = 48;
  public static final int PROG_IFINDEX = 64;
  public static final int PROG_EXPECTED_ATTACH_TYPE = 68;
  public static final int PROG_BTF_FD = 72;
  public static final int PROG_FUNC_INFO_REC_SIZE = 76;
  public static final int PROG_FUNC_INFO = 80;
  public static final int PROG_FUNC_INFO_CNT = 88;
  public static final int PROG_LINE_INFO_REC_SIZE = 92;
  public static final int PROG_LINE_INFO = 96;
  public static final int PROG_LINE_INFO_CNT = 104;
  public static final int PROG_ATTACH_BTF_ID = 108;
  /** attach_prog_fd / attach_btf_obj_fd (a union). */
  public static final int PROG_ATTACH_BTF_OBJ_FD = 112;
  public static final int PROG_CORE_RELO_CNT = 116;
  public static final int PROG_FD_ARRAY = 120;
  public static final int PROG_CORE_RELOS = 128;
  public static final int PROG_CORE_RELO_REC_SIZE = 136;
  /** {@code sizeof(struct bpf_core_relo)}: insn_off, type_id, access_str_off, kind. */
  public static final int CORE_RELO_SIZE = 16;
  /** What gen_loader passes for the programs a loader loads (ends at core_relo_rec_size). */
  public static final int PROG_LOAD_LOADER_END = 140;
  public static final int PROG_LOG_TRUE_SIZE = 140;
  public static final int PROG_TOKEN_FD = 144;
  public static final int PROG_FD_ARRAY_CNT = 148;
  /** The pre-6.18 light skeleton's loader load (ends at fd_array). */
  public static final int PROG_LOAD_FD_ARRAY_END = 128;
  public static final int PROG_SIGNATURE = 152;
  public static final int PROG_SIGNATURE_SIZE = 160;
  public static final int PROG_KEYRING_ID = 164;
  public static final int PROG_LOAD_END = 168;

  /** BPF_F_SLEEPABLE: the loader program must be sleepable to call bpf_sys_bpf. */
  public static final int F_SLEEPABLE = 1 << 4;
  public static final int F_RDONLY_PROG = 1 << 7;
  public static final int F_MMAPABLE = 1 << 10;
  public static final int PROG_TYPE_SYSCALL = 31;

  // ---- BPF_PROG_RUN (test) ----
  public static final int TEST_PROG_FD = 0;
  public static final int TEST_RETVAL = 4;
  public static final int TEST_CTX_SIZE_IN = 40;
  public static final int TEST_CTX_IN = 48;
  public static final int TEST_END = 80;

  // ---- BPF_OBJ_GET_INFO_BY_FD ----
  public static final int INFO_BPF_FD = 0;
  public static final int INFO_LEN = 4;
  public static final int INFO_INFO = 8;
  public static final int INFO_END = 16;

  // ---- BPF_OBJ_PIN / BPF_OBJ_GET ----
  public static final int OBJ_PATHNAME = 0;
  public static final int OBJ_BPF_FD = 8;
  public static final int OBJ_FILE_FLAGS = 12;
  public static final int OBJ_END = 16;

  // ---- BPF_RAW_TRACEPOINT_OPEN ----
  public static final int RAW_TP_NAME = 0;
  public static final int RAW_TP_PROG_FD = 8;
  public static final int RAW_TP_END = 16;

  // ---- BPF_LINK_CREATE ----
  public static final int LINK_PROG_FD = 0;
  public static final int LINK_TARGET_FD = 4;
  public static final int LINK_ATTACH_TYPE = 8;
  public static final int LINK_FLAGS = 12;
  public static final int LINK_TARGET_BTF_ID = 16;
  public static final int LINK_END = 32;

  // ---- struct bpf_map_info ----
  public static final int MAP_INFO_TYPE = 0;
  public static final int MAP_INFO_ID = 4;
  public static final int MAP_INFO_KEY_SIZE = 8;
  public static final int MAP_INFO_VALUE_SIZE = 12;
  public static final int MAP_INFO_MAX_ENTRIES = 16;
  public static final int MAP_INFO_FLAGS = 20;
  public static final int MAP_INFO_NAME = 24;
  public static final int MAP_INFO_EXTRA = 80;
  public static final int MAP_INFO_HASH = 88;
  public static final int MAP_INFO_HASH_SIZE = 96;
  public static final int MAP_INFO_SIZE = 104;

  // ---- struct bpf_prog_info ----
  public static final int PROG_INFO_TYPE = 0;
  public static final int PROG_INFO_ID = 4;
  public static final int PROG_INFO_TAG = 8;
  public static final int PROG_INFO_XLATED_PROG_LEN = 20;
  public static final int PROG_INFO_XLATED_PROG_INSNS = 32;
  public static final int PROG_INFO_NR_MAP_IDS = 52;
  public static final int PROG_INFO_MAP_IDS = 56;
  public static final int PROG_INFO_NAME = 64;
  public static final int PROG_INFO_ATTACH_BTF_OBJ_ID = 220;
  public static final int PROG_INFO_ATTACH_BTF_ID = 224;
  public static final int PROG_INFO_SIZE = 232;

  // ---- struct bpf_map (kernel-internal, read by the 6.18 signable loader via BPF_PSEUDO_MAP_IDX) ----
  /** {@code map->sha}: SHA-256 of the frozen array's value area, the first member. */
  public static final int KMAP_SHA = 0;
  public static final int SHA256_SIZE = 32;
  /** The u32 the signable loader reads at offset 32 and requires to be 1 (exclusive map). */
  public static final int KMAP_EXCLUSIVE_FLAG = 32;

  // ---- skel_internal.h: struct bpf_loader_ctx, bpf_map_desc, bpf_prog_desc ----
  public static final int CTX_SZ = 0;
  public static final int CTX_FLAGS = 4;
  public static final int CTX_LOG_LEVEL = 8;
  public static final int CTX_LOG_SIZE = 12;
  public static final int CTX_LOG_BUF = 16;
  public static final int CTX_HEADER_SIZE = 24;
  public static final int MAP_DESC_MAP_FD = 0;
  public static final int MAP_DESC_MAX_ENTRIES = 4;
  public static final int MAP_DESC_INITIAL_VALUE = 8;
  public static final int MAP_DESC_SIZE = 16;
  public static final int PROG_DESC_PROG_FD = 0;
  public static final int PROG_DESC_SIZE = 4;
  /** ctx.flags bit: the skeleton runs in the kernel (bpf_preload). */
  public static final int SKEL_KERNEL = 1;

  private BpfAttr() {}
}
