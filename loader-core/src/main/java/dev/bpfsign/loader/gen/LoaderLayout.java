package dev.bpfsign.loader.gen;

/**
 * Fixed layout facts of a gen_loader program (libbpf {@code gen_loader.c}, {@code
 * skel_internal.h}): limits, where the fd array sits in the blob, the loader's stack frame and
 * the ctx the light skeleton passes in.
 */
final class LoaderLayout {
  static final int MAX_USED_MAPS = 64;
  static final int MAX_USED_PROGS = 32;
  static final int MAX_KFUNC_DESCS = 256;
  /** Slots reserved at blob offset 0: map fds first, then kfunc module BTF fds. */
  static final int FD_ARRAY_SLOTS = MAX_USED_MAPS + MAX_KFUNC_DESCS;

  /** {@code struct loader_stack { u32 btf_fd; u32 inner_map_fd; u32 prog_fd[32]; }}. */
  static final int STACK_SIZE = 4 + 4 + 4 * MAX_USED_PROGS;
  static final int STACK_BTF_FD = -STACK_SIZE;
  static final int STACK_INNER_MAP_FD = -STACK_SIZE + 4;

  /** {@code struct bpf_loader_ctx { u32 sz, flags, log_level, log_size; u64 log_buf; }}. */
  static final int CTX_FLAGS = 4;
  static final int CTX_LOG_LEVEL = 8;
  static final int CTX_LOG_SIZE = 12;
  static final int CTX_LOG_BUF = 16;
  static final int CTX_HEADER_SIZE = 24;
  /** {@code struct bpf_map_desc { int map_fd; u32 max_entries; u64 initial_value; }}. */
  static final int MAP_DESC_SIZE = 16;
  static final int PROG_DESC_SIZE = 4;
  /** {@code BPF_SKEL_KERNEL}: the skeleton runs inside the kernel (initial values are kernel memory). */
  static final int SKEL_KERNEL = 1;

  private LoaderLayout() {}

  static int stackProgFd(int progIndex) {
    return -STACK_SIZE + 8 + 4 * progIndex;
  }

  static int fdArraySlot(int index) {
    return index * 4;
  }

  static int ctxMapFd(int mapIndex) {
    return CTX_HEADER_SIZE + MAP_DESC_SIZE * mapIndex;
  }

  static int ctxMapMaxEntries(int mapIndex) {
    return ctxMapFd(mapIndex) + 4;
  }

  static int ctxMapInitialValue(int mapIndex) {
    return ctxMapFd(mapIndex) + 8;
  }

  static int ctxProgFd(int nrMaps, int progIndex) {
    return CTX_HEADER_SIZE + MAP_DESC_SIZE * nrMaps + PROG_DESC_SIZE * progIndex;
  }
}
