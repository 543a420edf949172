package dev.bpfsign.runtime.kernel;

/**
 * Byte offsets and sizes of the {@code union bpf_attr} members and info structs bpfsign fills,
 * x86-64/arm64 layout of the Linux 6.18 uapi (kernel-signing.md §1.5, §3.2). Written once here;
 * every encoder in this package uses these constants.
 */
public final class Attr {
  private Attr() {}

  /** {@code sizeof(union bpf_attr)} in 6.18; larger than any prefix we pass. */
  public static final int UNION_SIZE = 168;

  /** BPF_MAP_CREATE. */
  public static final class MapCreate {
    public static final int MAP_TYPE = 0;
    public static final int KEY_SIZE = 4;
    public static final int VALUE_SIZE = 8;
    public static final int MAX_ENTRIES = 12;
    public static final int MAP_FLAGS = 16;
    public static final int MAP_NAME = 28;
    public static final int MAP_NAME_LEN = 16;
    public static final int EXCL_PROG_HASH = 80;
    public static final int EXCL_PROG_HASH_SIZE = 88;
    /** offsetofend(excl_prog_hash_size), what libbpf 1.7+ passes. */
    public static final int SIZE = 92;
    private MapCreate() {}
  }

  /** BPF_MAP_UPDATE_ELEM / LOOKUP_ELEM. */
  public static final class MapElem {
    public static final int MAP_FD = 0;
    public static final int KEY = 8;
    public static final int VALUE = 16;
    public static final int FLAGS = 24;
    public static final int SIZE = 32;
    private MapElem() {}
  }

  /** BPF_MAP_FREEZE. */
  public static final class MapFreeze {
    public static final int MAP_FD = 0;
    public static final int SIZE = 4;
    private MapFreeze() {}
  }

  /** BPF_PROG_LOAD. */
  public static final class ProgLoad {
    public static final int PROG_TYPE = 0;
    public static final int INSN_CNT = 4;
    public static final int INSNS = 8;
    public static final int LICENSE = 16;
    public static final int LOG_LEVEL = 24;
    public static final int LOG_SIZE = 28;
    public static final int LOG_BUF = 32;
    public static final int PROG_FLAGS = 44;
    public static final int PROG_NAME = 48;
    public static final int PROG_NAME_LEN = 16;
    public static final int EXPECTED_ATTACH_TYPE = 68;
    public static final int FD_ARRAY = 120;
    public static final int FD_ARRAY_CNT = 148;
    public static final int SIGNATURE = 152;
    public static final int SIGNATURE_SIZE = 160;
    public static final int KEYRING_ID = 164;
    /** offsetofend(keyring_id), what libbpf 1.7+ passes. */
    public static final int SIZE = 168;
    private ProgLoad() {}
  }

  /** BPF_PROG_RUN ({@code test}). */
  public static final class ProgRun {
    public static final int PROG_FD = 0;
    public static final int RETVAL = 4;
    public static final int CTX_SIZE_IN = 40;
    public static final int CTX_IN = 48;
    public static final int SIZE = 80;
    private ProgRun() {}
  }

  /** BPF_OBJ_GET_INFO_BY_FD ({@code info}). */
  public static final class ObjInfo {
    public static final int BPF_FD = 0;
    public static final int INFO_LEN = 4;
    public static final int INFO = 8;
    public static final int SIZE = 16;
    private ObjInfo() {}
  }

  /** BPF_OBJ_PIN. */
  public static final class ObjPin {
    public static final int PATHNAME = 0;
    public static final int BPF_FD = 8;
    public static final int FILE_FLAGS = 12;
    public static final int SIZE = 20;
    private ObjPin() {}
  }

  /** BPF_RAW_TRACEPOINT_OPEN. */
  public static final class RawTracepointOpen {
    public static final int NAME = 0;
    public static final int PROG_FD = 8;
    /** offsetofend(prog_fd), what light skeletons pass. */
    public static final int SIZE = 12;
    private RawTracepointOpen() {}
  }

  /** BPF_LINK_CREATE. */
  public static final class LinkCreate {
    public static final int PROG_FD = 0;
    public static final int TARGET_FD = 4;
    public static final int ATTACH_TYPE = 8;
    public static final int FLAGS = 12;
    public static final int ITER_INFO = 16;
    public static final int ITER_INFO_LEN = 24;
    /** offsetofend(iter_info_len), what light skeletons pass. */
    public static final int SIZE = 28;
    private LinkCreate() {}
  }

  /** {@code struct bpf_map_info}. */
  public static final class MapInfo {
    public static final int TYPE = 0;
    public static final int ID = 4;
    public static final int KEY_SIZE = 8;
    public static final int VALUE_SIZE = 12;
    public static final int MAX_ENTRIES = 16;
    public static final int MAP_FLAGS = 20;
    public static final int NAME = 24;
    public static final int NAME_LEN = 16;
    public static final int HASH = 88;
    public static final int HASH_SIZE = 96;
    public static final int SIZE = 104;
    private MapInfo() {}
  }

  /** {@code struct bpf_prog_info} (the prefix we read; the buffer is zero-padded to SIZE). */
  public static final class ProgInfo {
    public static final int TYPE = 0;
    public static final int ID = 4;
    public static final int TAG = 8;
    public static final int NAME = 64;
    public static final int NAME_LEN = 16;
    public static final int ATTACH_BTF_OBJ_ID = 220;
    public static final int ATTACH_BTF_ID = 224;
    public static final int SIZE = 232;
    private ProgInfo() {}
  }

  /** {@code struct bpf_link_info} (prefix). */
  public static final class LinkInfo {
    public static final int TYPE = 0;
    public static final int ID = 4;
    public static final int PROG_ID = 8;
    public static final int SIZE = 16;
    private LinkInfo() {}
  }
}
