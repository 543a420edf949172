package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.LoadableProgram;
import dev.bpfsign.loader.obj.MapSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The member names a light skeleton gives the maps and programs in its ctx (bpftool's {@code
 * get_map_ident}): a BTF-defined map keeps its name; an internal map is named after the part of
 * its kernel name from {@code .data}/{@code .rodata}/{@code .bss}/{@code .kconfig} on, without
 * the dot, other characters made {@code _} ({@code global_d.rodata} → {@code rodata}, {@code
 * .data.custom} → {@code data_custom}).
 */
public final class SkeletonNames {
  private static final String[] SUFFIXES = {".data", ".rodata", ".bss", ".kconfig"};

  private SkeletonNames() {}

  public static CtxLayout ctxLayout(BpfObject obj) throws BadInputException {
    List<String> maps = new ArrayList<>();
    for (MapSpec m : obj.maps()) {
      maps.add(mapIdent(m));
    }
    List<String> progs = new ArrayList<>();
    for (LoadableProgram p : obj.programs()) {
      progs.add(p.name());
    }
    return new CtxLayout(maps, progs);
  }

  static String mapIdent(MapSpec m) throws BadInputException {
    if (!m.internal().isInternal()) {
      return m.name();
    }
    for (String sfx : SUFFIXES) {
      int at = m.name().indexOf(sfx);
      if (at >= 0) {
        StringBuilder out = new StringBuilder();
        for (char c : m.name().substring(at + 1).toCharArray()) {
          out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return out.toString();
      }
    }
    throw new BadInputException("internal map '" + m.name() + "' has no skeleton name");
  }
}
