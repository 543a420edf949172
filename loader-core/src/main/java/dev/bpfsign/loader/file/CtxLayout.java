package dev.bpfsign.loader.file;

import java.util.List;

/**
 * The loader's context layout: the skeleton names of its maps and programs in libbpf object
 * order. The ctx is {@code struct bpf_loader_ctx} (24 bytes), then one 16-byte
 * {@code bpf_map_desc} per map, then one 4-byte {@code bpf_prog_desc} per program.
 */
public record CtxLayout(List<String> maps, List<String> programs) {
  public static final int HEADER_SIZE = 24;
  public static final int MAP_DESC_SIZE = 16;
  public static final int PROG_DESC_SIZE = 4;
  /** gen_loader's limits (MAX_USED_MAPS, MAX_USED_PROGS). */
  public static final int MAX_MAPS = 64;
  public static final int MAX_PROGRAMS = 32;

  public CtxLayout {
    maps = List.copyOf(maps);
    programs = List.copyOf(programs);
  }

  /** The bytes of ctx the loader may touch: what {@code ctx.sz} must be. */
  public int size() {
    return HEADER_SIZE + MAP_DESC_SIZE * maps.size() + PROG_DESC_SIZE * programs.size();
  }

  public int mapFdOffset(int mapIndex) {
    return HEADER_SIZE + MAP_DESC_SIZE * mapIndex;
  }

  public int progFdOffset(int progIndex) {
    return HEADER_SIZE + MAP_DESC_SIZE * maps.size() + PROG_DESC_SIZE * progIndex;
  }

  /** Whether a name can be a member of the skeleton struct: a C identifier of 1 to 255 characters. */
  public static boolean isValidName(String name) {
    if (name.isEmpty() || name.length() > 255) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
