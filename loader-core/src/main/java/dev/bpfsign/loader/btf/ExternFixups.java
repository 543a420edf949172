package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.elf.ElfConstants.*;

import dev.bpfsign.loader.btf.BtfExtern.Kind;
import dev.bpfsign.loader.btf.BtfExtern.KcfgType;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * libbpf's {@code bpf_object__collect_externs}. The kernel will not accept extern VARs or FUNCs
 * in a DATASEC, so libbpf rewrites them before upload:
 *
 * <ul>
 *   <li>if {@code .ksyms} holds a FUNC, a VAR {@code dummy_ksym} (allocated, type = first 32-bit
 *       INT) is appended ({@code add_dummy_ksym_var}) — this re-serialises the BTF;
 *   <li>in {@code .ksyms}, every entry becomes 4 bytes at offset 4*i: a FUNC entry points at the
 *       dummy VAR instead, the FUNC becomes global and its proto's unnamed parameters get the
 *       dummy's name; a VAR becomes allocated with the first 32-bit INT as its type;
 *   <li>in {@code .kconfig}, VARs become allocated, laid out in extern order (descending
 *       alignment, ascending size, name) at aligned offsets; the DATASEC size is the end.
 * </ul>
 */
final class ExternFixups {
  private ExternFixups() {}

  static List<BtfExtern> apply(ElfFile elf, Btf btf, BtfEditor editor) throws BtfFormatException {
    int dummyVar = addDummyKsymVar(btf, editor);
    List<BtfExtern> externs = new ArrayList<>();
    int ksymSec = 0;
    int kcfgSec = 0;
    for (Symbol sym : elf.symbols()) {
      if (!isExtern(sym) || sym.name().isEmpty()) {
        continue;
      }
      String where = btf.origin() + ": extern '" + sym.name() + "' (symbol " + sym.index() + ")";
      int id = externBtfId(btf, sym.name(), where);
      int sec = externSecId(btf, id);
      if (sec == 0) {
        throw new BtfFormatException(where + ": not in any DATASEC");
      }
      String secName = btf.name(sec);
      boolean weak = sym.bind() == STB_WEAK;
      String essential = essentialName(sym.name());
      if (secName.equals(".kconfig")) {
        if (btf.kind(id) == BtfKind.FUNC) {
          throw new BtfFormatException(where + ": extern functions are not supported in .kconfig");
        }
        int type = btf.sizeOrType(id);
        long size = BtfResolve.resolveSize(btf, type);
        if (size <= 0 || size > Integer.MAX_VALUE) {
          throw new BtfFormatException(where + ": cannot resolve the size of its type");
        }
        int align = BtfResolve.alignOf(btf, type);
        boolean[] signed = new boolean[1];
        KcfgType kcfgType = kcfgType(btf, type, signed);
        if (kcfgType == KcfgType.UNKNOWN) {
          throw new BtfFormatException(where + ": type is not supported for .kconfig");
        }
        kcfgSec = sec;
        externs.add(new BtfExtern(sym.name(), Kind.KCONFIG, id, sec, sym.index(), weak, essential, (int) size, align, kcfgType, signed[0], 0, 0));
      } else if (secName.equals(".ksyms")) {
        ksymSec = sec;
        int typeId = BtfResolve.skipModsAndTypedefs(btf, btf.sizeOrType(id));
        externs.add(new BtfExtern(sym.name(), Kind.KSYM, id, sec, sym.index(), weak, essential, 0, 0, KcfgType.NONE, false, 0, typeId));
      } else {
        throw new BtfFormatException(where + ": unrecognized extern section '" + secName + "'");
      }
    }
    externs.sort(ORDER);
    if (ksymSec != 0) {
      layoutKsyms(btf, editor, externs, ksymSec, dummyVar);
    }
    if (kcfgSec != 0) {
      externs = layoutKconfig(btf, editor, externs, kcfgSec);
    }
    return externs;
  }

  /** libbpf's {@code cmp_externs}. */
  static final Comparator<BtfExtern> ORDER =
      (a, b) -> {
        if (a.kind() != b.kind()) {
          return a.kind().compareTo(b.kind());
        }
        if (a.kind() == Kind.KCONFIG) {
          if (a.kcfgAlign() != b.kcfgAlign()) {
            return a.kcfgAlign() > b.kcfgAlign() ? -1 : 1;
          }
          if (a.kcfgSize() != b.kcfgSize()) {
            return a.kcfgSize() < b.kcfgSize() ? -1 : 1;
          }
        }
        return BtfFixups.STRCMP.compare(a.name(), b.name());
      };

  private static void layoutKsyms(Btf btf, BtfEditor editor, List<BtfExtern> externs, int sec, int dummyVar)
      throws BtfFormatException {
    int intId = firstInt32(btf);
    int dummyNameOff = dummyVar == 0 ? 0 : editor.build().nameOff(dummyVar);
    int vlen = btf.vlen(sec);
    int off = 0;
    for (int i = 0; i < vlen; i++, off += 4) {
      int vt = editor.tail(sec, 3 * i);
      String name = btf.name(vt);
      if (find(externs, name) == null) {
        throw new BtfFormatException(btf.origin() + ": .ksyms entry '" + name + "' [" + vt + "] has no extern symbol");
      }
      if (btf.kind(vt) != BtfKind.FUNC && btf.kind(vt) != BtfKind.VAR) {
        throw new BtfFormatException(btf.origin() + ": .ksyms entry '" + name + "' [" + vt + "] is a " + BtfKind.name(btf.kind(vt)) + ", not a VAR or FUNC");
      }
      if (btf.kind(vt) == BtfKind.FUNC) {
        int proto = btf.sizeOrType(vt);
        for (int j = 0; j < btf.vlen(proto); j++) {
          if (editor.tail(proto, 2 * j + 1) != 0 && editor.tail(proto, 2 * j) == 0) {
            editor.setTail(proto, 2 * j, dummyNameOff);
          }
        }
        editor.setTail(sec, 3 * i, dummyVar);
        editor.setInfo(vt, (editor.info(vt) & ~0xffff) | BtfKind.FUNC_GLOBAL);
      } else {
        editor.setTail(vt, 0, BtfKind.VAR_GLOBAL_ALLOCATED);
        editor.setSizeOrType(vt, intId);
      }
      editor.setTail(sec, 3 * i + 1, off);
      editor.setTail(sec, 3 * i + 2, 4);
    }
    editor.setSizeOrType(sec, off);
  }

  private static List<BtfExtern> layoutKconfig(Btf btf, BtfEditor editor, List<BtfExtern> externs, int sec)
      throws BtfFormatException {
    List<BtfExtern> out = new ArrayList<>(externs.size());
    long off = 0;
    for (BtfExtern e : externs) {
      if (e.kind() != Kind.KCONFIG) {
        out.add(e);
        continue;
      }
      long dataOff = (off + e.kcfgAlign() - 1) / e.kcfgAlign() * e.kcfgAlign();
      off = dataOff + e.kcfgSize();
      out.add(e.withKcfgDataOff((int) dataOff));
    }
    editor.setSizeOrType(sec, (int) off);
    int vlen = btf.vlen(sec);
    for (int i = 0; i < vlen; i++) {
      int var = editor.tail(sec, 3 * i);
      String name = btf.name(var);
      BtfExtern e = find(out, name);
      if (e == null) {
        throw new BtfFormatException(btf.origin() + ": .kconfig entry '" + name + "' [" + var + "] has no extern symbol");
      }
      if (btf.kind(var) != BtfKind.VAR) {
        throw new BtfFormatException(btf.origin() + ": .kconfig entry '" + name + "' [" + var + "] is a " + BtfKind.name(btf.kind(var)) + ", not a VAR");
      }
      editor.setTail(var, 0, BtfKind.VAR_GLOBAL_ALLOCATED);
      editor.setTail(sec, 3 * i + 1, e.kcfgDataOff());
    }
    return out;
  }

  /** {@code add_dummy_ksym_var}: only when a .ksyms DATASEC holds a FUNC. */
  private static int addDummyKsymVar(Btf btf, BtfEditor editor) throws BtfFormatException {
    OptionalInt sec = btf.findByNameKind(".ksyms", BtfKind.DATASEC);
    if (sec.isEmpty()) {
      return 0;
    }
    boolean hasFunc = false;
    for (int i = 0; i < btf.vlen(sec.getAsInt()); i++) {
      if (btf.kind(btf.tail(sec.getAsInt(), 3 * i)) == BtfKind.FUNC) {
        hasFunc = true;
        break;
      }
    }
    if (!hasFunc) {
      return 0;
    }
    return editor.addVar("dummy_ksym", BtfKind.VAR_GLOBAL_ALLOCATED, firstInt32(btf));
  }

  /** {@code find_int_btf_id}: the first INT of 32 bits, or 0 (void). */
  private static int firstInt32(Btf btf) {
    for (int id = 1; id < btf.typeCount(); id++) {
      if (btf.kind(id) == BtfKind.INT && (btf.tail(id, 0) & 0xff) == 32) {
        return id;
      }
    }
    return 0;
  }

  /** {@code sym_is_extern}: undefined, global or weak, no type. */
  private static boolean isExtern(Symbol sym) {
    return sym.sectionIndex() == SHN_UNDEF
        && (sym.bind() == STB_GLOBAL || sym.bind() == STB_WEAK)
        && sym.type() == STT_NOTYPE;
  }

  /** {@code find_extern_btf_id}: the first VAR or FUNC of that name, which must be extern. */
  private static int externBtfId(Btf btf, String name, String where) throws BtfFormatException {
    for (int id = 1; id < btf.typeCount(); id++) {
      int kind = btf.kind(id);
      if ((kind != BtfKind.VAR && kind != BtfKind.FUNC) || !btf.name(id).equals(name)) {
        continue;
      }
      boolean extern = kind == BtfKind.VAR
          ? btf.tail(id, 0) == BtfKind.VAR_GLOBAL_EXTERN
          : btf.vlen(id) == BtfKind.FUNC_EXTERN;
      if (!extern) {
        throw new BtfFormatException(where + ": BTF " + BtfKind.name(kind) + " [" + id + "] is not extern");
      }
      return id;
    }
    throw new BtfFormatException(where + ": no BTF VAR or FUNC of that name");
  }

  /** {@code find_extern_sec_btf_id}: the first DATASEC listing the type. */
  private static int externSecId(Btf btf, int id) {
    for (int sec = 1; sec < btf.typeCount(); sec++) {
      if (btf.kind(sec) != BtfKind.DATASEC) {
        continue;
      }
      for (int i = 0; i < btf.vlen(sec); i++) {
        if (btf.tail(sec, 3 * i) == id) {
          return sec;
        }
      }
    }
    return 0;
  }

  /** libbpf's {@code find_kcfg_type}. */
  private static KcfgType kcfgType(Btf btf, int id, boolean[] signed) throws BtfFormatException {
    int t = BtfResolve.skipModsAndTypedefs(btf, id);
    String name = btf.name(t);
    switch (btf.kind(t)) {
      case BtfKind.INT -> {
        int enc = (btf.tail(t, 0) >>> 24) & 0x0f;
        long size = Integer.toUnsignedLong(btf.sizeOrType(t));
        if ((enc & BtfKind.INT_BOOL) != 0) {
          return size == 1 ? KcfgType.BOOL : KcfgType.UNKNOWN;
        }
        if (signed != null) {
          signed[0] = (enc & BtfKind.INT_SIGNED) != 0;
        }
        if (size == 1) {
          return KcfgType.CHAR;
        }
        if (size < 1 || size > 8 || (size & (size - 1)) != 0) {
          return KcfgType.UNKNOWN;
        }
        return KcfgType.INT;
      }
      case BtfKind.ENUM -> {
        return btf.sizeOrType(t) == 4 && name.equals("libbpf_tristate") ? KcfgType.TRISTATE : KcfgType.UNKNOWN;
      }
      case BtfKind.ENUM64 -> {
        return name.equals("libbpf_tristate") ? KcfgType.TRISTATE : KcfgType.UNKNOWN;
      }
      case BtfKind.ARRAY -> {
        if (btf.tail(t, 2) == 0) {
          return KcfgType.UNKNOWN;
        }
        return kcfgType(btf, btf.tail(t, 0), null) == KcfgType.CHAR ? KcfgType.CHAR_ARR : KcfgType.UNKNOWN;
      }
      default -> {
        return KcfgType.UNKNOWN;
      }
    }
  }

  /** {@code bpf_core_essential_name_len}: cut at the last {@code X___Y} flavor separator. */
  static String essentialName(String name) {
    for (int i = name.length() - 5; i >= 0; i--) {
      if (name.charAt(i) != '_' && name.charAt(i + 1) == '_' && name.charAt(i + 2) == '_'
          && name.charAt(i + 3) == '_' && name.charAt(i + 4) != '_') {
        return name.substring(0, i + 1);
      }
    }
    return name;
  }

  private static BtfExtern find(List<BtfExtern> externs, String name) {
    for (BtfExtern e : externs) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
