package dev.bpfsign.runtime.kernel;

import dev.bpfsign.loader.emu.BpfAttr;

/** The {@code enum bpf_cmd} values bpfsign issues (numbers from {@link BpfAttr}), with names for messages. */
public final class BpfCommand {
  public static final int MAP_CREATE = BpfAttr.MAP_CREATE;
  public static final int MAP_LOOKUP_ELEM = BpfAttr.MAP_LOOKUP_ELEM;
  public static final int MAP_UPDATE_ELEM = BpfAttr.MAP_UPDATE_ELEM;
  public static final int PROG_LOAD = BpfAttr.PROG_LOAD;
  public static final int OBJ_PIN = BpfAttr.OBJ_PIN;
  public static final int OBJ_GET = BpfAttr.OBJ_GET;
  public static final int PROG_RUN = BpfAttr.PROG_RUN;
  public static final int OBJ_GET_INFO_BY_FD = BpfAttr.OBJ_GET_INFO_BY_FD;
  public static final int RAW_TRACEPOINT_OPEN = BpfAttr.RAW_TRACEPOINT_OPEN;
  public static final int MAP_FREEZE = BpfAttr.MAP_FREEZE;
  public static final int LINK_CREATE = BpfAttr.LINK_CREATE;

  private BpfCommand() {}

  public static String name(int cmd) {
    return switch (cmd) {
      case MAP_CREATE -> "BPF_MAP_CREATE";
      case MAP_LOOKUP_ELEM -> "BPF_MAP_LOOKUP_ELEM";
      case MAP_UPDATE_ELEM -> "BPF_MAP_UPDATE_ELEM";
      case PROG_LOAD -> "BPF_PROG_LOAD";
      case OBJ_PIN -> "BPF_OBJ_PIN";
      case OBJ_GET -> "BPF_OBJ_GET";
      case PROG_RUN -> "BPF_PROG_RUN";
      case OBJ_GET_INFO_BY_FD -> "BPF_OBJ_GET_INFO_BY_FD";
      case RAW_TRACEPOINT_OPEN -> "BPF_RAW_TRACEPOINT_OPEN";
      case MAP_FREEZE -> "BPF_MAP_FREEZE";
      case LINK_CREATE -> "BPF_LINK_CREATE";
      default -> "bpf cmd " + cmd;
    };
  }
}
