package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfKind;
import java.util.List;

/**
 * Finds a program's exception callback ({@code bpf_prog_assign_exc_cb}): a DECL_TAG {@code
 * exception_callback:NAME} on the program's global FUNC names a global, non-hidden subprogram
 * that libbpf appends to the program even though nothing calls it.
 */
final class ExceptionCallbacks {
  private static final String PREFIX = "exception_callback:";

  private final Btf btf;
  private final List<ProgState> progs;
  private final int textIndex;

  ExceptionCallbacks(Btf btf, List<ProgState> progs, int textIndex) {
    this.btf = btf;
    this.progs = progs;
    this.textIndex = textIndex;
  }

  ProgState of(ProgState prog) throws BadInputException {
    if (btf == null) {
      return null;
    }
    ProgState found = null;
    for (int i = 1; i < btf.typeCount(); i++) {
      if (btf.kind(i) != BtfKind.DECL_TAG || btf.tail(i, 0) != -1) {
        continue;
      }
      String name = btf.name(i);
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      int fn = btf.sizeOrType(i);
      if (btf.kind(fn) != BtfKind.FUNC || BtfTypes.funcLinkage(btf, fn) != BtfKind.FUNC_GLOBAL) {
        throw new BadInputException("program '" + prog.name + "': " + PREFIX + " tag not on a main program");
      }
      if (!btf.name(fn).equals(prog.name)) {
        continue;
      }
      if (found != null) {
        return null; // several callbacks: the verifier rejects the program; libbpf appends none
      }
      String cbName = name.substring(PREFIX.length());
      if (cbName.isEmpty()) {
        throw new BadInputException("program '" + prog.name + "': empty " + PREFIX + " tag");
      }
      for (ProgState s : progs) {
        if (s.secIndex != textIndex || !s.name.equals(cbName)) {
          continue;
        }
        if (!s.global || s.markBtfStatic) {
          throw new BadInputException("program '" + prog.name + "': exception callback " + cbName + " must be a global non-hidden function");
        }
        if (found != null) {
          throw new BadInputException("program '" + prog.name + "': several subprograms named like exception callback '" + cbName + "'");
        }
        found = s;
      }
      if (found == null) {
        throw new BadInputException("program '" + prog.name + "': exception callback '" + cbName + "' not found");
      }
    }
    return found;
  }
}
