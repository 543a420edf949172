package dev.bpfsign.runtime.kernel;

/** The {@code enum bpf_cmd} values bpfsign issues (uapi {@code linux/bpf.h}). */
public final class BpfCommand {
  public static final int MAP_CREATE = 0;
  public static final int MAP_LOOKUP_ELEM = 1;
  public static final int MAP_UPDATE_ELEM = 2;
  public static final int PROG_LOAD = 5;
  public static final int OBJ_PIN = 6;
  public static final int PROG_RUN = 10;
  public static final int OBJ_GET_INFO_BY_FD = 15;
  public static final int RAW_TRACEPOINT_OPEN = 17;
  public static final int MAP_FREEZE = 22;
  public static final int LINK_CREATE = 28;

  private BpfCommand() {}

  public static String name(int cmd) {
    return switch (cmd) {
      case MAP_CREATE -> "BPF_MAP_CREATE";
      case MAP_LOOKUP_ELEM -> "BPF_MAP_LOOKUP_ELEM";
      case MAP_UPDATE_ELEM -> "BPF_MAP_UPDATE_ELEM";
      case PROG_LOAD -> "BPF_PROG_LOAD";
      case OBJ_PIN -> "BPF_OBJ_PIN";
      case PROG_RUN -> "BPF_PROG_RUN";
      case OBJ_GET_INFO_BY_FD -> "BPF_OBJ_GET_INFO_BY_FD";
      case RAW_TRACEPOINT_OPEN -> "BPF_RAW_TRACEPOINT_OPEN";
      case MAP_FREEZE -> "BPF_MAP_FREEZE";
      case LINK_CREATE -> "BPF_LINK_CREATE";
      default -> "bpf cmd " + cmd;
    };
  }
}
