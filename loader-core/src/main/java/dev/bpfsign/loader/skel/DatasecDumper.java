package dev.bpfsign.loader.skel;

import static dev.bpfsign.loader.btf.BtfKind.*;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfResolve;
import dev.bpfsign.loader.btf.BtfType;
import dev.bpfsign.loader.btf.BtfVarSecinfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Turns a DATASEC of the loader's BTF into the struct bpftool prints for a global-data map:
 * one member per non-static variable, {@code char __padN[M]} where the variable's recorded
 * offset is not where natural alignment (capped at 4, as bpftool assumes a 32-bit host) would
 * put it, and the member's C declaration as libbpf's {@code btf_dump__emit_type_decl} writes
 * it. Declarations bpfsign cannot write like libbpf (anonymous structs or enums, function
 * pointers) are an error naming the variable rather than a guess.
 */
final class DatasecDumper {
  private static final int MAX_CHAIN = 32;
  private static final String[] PREFIXES = {".data", ".rodata", ".bss", ".kconfig"};

  private final Btf btf;

  DatasecDumper(Btf btf) {
    this.btf = btf;
  }

  /** The struct for the map whose skeleton identifier is {@code mapIdent}, if a DATASEC matches. */
  Optional<SkeletonModel.DatasecStruct> structFor(String mapIdent) throws BadInputException {
    for (int id = 1; id < btf.typeCount(); id++) {
      if (btf.kind(id) != DATASEC) {
        continue;
      }
      Optional<String> ident = sectionIdent(btf.name(id));
      if (ident.isPresent() && ident.get().equals(mapIdent)) {
        return Optional.of(dump(id, ident.get()));
      }
    }
    return Optional.empty();
  }

  /** bpftool's get_datasec_ident: the name without its leading '.', sanitised, for known prefixes. */
  static Optional<String> sectionIdent(String secName) {
    for (String p : PREFIXES) {
      if (secName.startsWith(p)) {
        return Optional.of(sanitize(secName.substring(1)));
      }
    }
    return Optional.empty();
  }

  static String sanitize(String name) {
    StringBuilder s = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      s.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return s.toString();
  }

  private SkeletonModel.DatasecStruct dump(int secId, String ident) throws BadInputException {
    String secName = btf.name(secId);
    boolean stripMods = !secName.equals(".kconfig");
    List<String> members = new ArrayList<>();
    List<SkeletonModel.SizeAssert> asserts = new ArrayList<>();
    int off = 0;
    int pads = 0;
    int index = 0;
    for (BtfVarSecinfo sv : btf.type(secId).secinfos()) {
      int i = index++;
      if (!btf.hasType(sv.type()) || btf.kind(sv.type()) != VAR) {
        throw new BadInputException(btf.origin() + ": DATASEC " + secName + " entry " + i + " is not a VAR");
      }
      BtfType var = btf.type(sv.type());
      if (var.varLinkage() == VAR_STATIC) {
        continue; // static variables are not exposed through the skeleton
      }
      int need = sv.offset();
      if (off > need) {
        throw new BadInputException(btf.origin() + ": " + secName + " variable #" + i + " needs offset " + need
            + " but the previous one ends at " + off);
      }
      int align = BtfResolve.alignOf(btf, var.type());
      if (align <= 0) {
        throw new BadInputException(btf.origin() + ": cannot determine the alignment of '" + var.name() + "'");
      }
      align = Math.min(align, 4);
      int alignOff = (off + align - 1) / align * align;
      if (alignOff != need) {
        members.add("char __pad" + pads++ + "[" + (need - off) + "]");
      }
      String name = sanitize(var.name());
      members.add(declaration(var.type(), name, stripMods));
      off = sv.offset() + sv.size();
    }
    for (BtfVarSecinfo sv : btf.type(secId).secinfos()) {
      BtfType var = btf.type(sv.type());
      if (var.varLinkage() == VAR_STATIC) {
        continue;
      }
      long size;
      try {
        size = BtfResolve.resolveSize(btf, var.type());
      } catch (BadInputException e) {
        continue; // bpftool skips the assert when the size cannot be resolved
      }
      asserts.add(new SkeletonModel.SizeAssert(sanitize(var.name()), size));
    }
    return new SkeletonModel.DatasecStruct(ident, members, asserts);
  }

  /** libbpf's btf_dump__emit_type_decl for {@code id} with field name {@code name}. */
  String declaration(int id, String name, boolean stripMods) throws BadInputException {
    Deque<Integer> stack = new ArrayDeque<>(); // top = innermost (the base type)
    for (int depth = 0; ; depth++) {
      if (depth > MAX_CHAIN) {
        throw new BadInputException(btf.origin() + ": type chain of '" + name + "' is too deep or loops");
      }
      if (id == 0) {
        stack.push(0);
        break;
      }
      if (!btf.hasType(id)) {
        throw new BadInputException(btf.origin() + ": '" + name + "' refers to missing type [" + id + "]");
      }
      int kind = btf.kind(id);
      boolean mod = kind == CONST || kind == VOLATILE || kind == RESTRICT;
      if (!(stripMods && mod)) {
        stack.push(id);
      }
      switch (kind) {
        case PTR, CONST, VOLATILE, RESTRICT, TYPE_TAG -> id = btf.sizeOrType(id);
        case ARRAY -> id = btf.type(id).arrayType();
        case INT, ENUM, ENUM64, FWD, STRUCT, UNION, TYPEDEF, FLOAT -> {
          return chain(stack, name);
        }
        default -> throw new BadInputException(btf.origin() + ": cannot declare '" + name + "' of BTF kind "
            + kindName(kind) + " as libbpf would");
      }
    }
    return chain(stack, name);
  }

  private String chain(Deque<Integer> stack, String name) throws BadInputException {
    StringBuilder out = new StringBuilder();
    emitChain(out, stack, name);
    return out.toString();
  }

  private void emitChain(StringBuilder out, Deque<Integer> stack, String name) throws BadInputException {
    boolean lastWasPtr = false;
    while (!stack.isEmpty()) {
      int id = stack.pop();
      if (id == 0) {
        emitMods(out, stack);
        out.append("void");
        lastWasPtr = false;
        continue;
      }
      BtfType t = btf.type(id);
      int kind = t.kind();
      switch (kind) {
        case INT, FLOAT, TYPEDEF -> {
          emitMods(out, stack);
          out.append(t.name());
        }
        case STRUCT, UNION, ENUM, ENUM64, FWD -> {
          emitMods(out, stack);
          if (t.name().isEmpty()) {
            throw new BadInputException(btf.origin() + ": '" + name + "' has an anonymous "
                + kindName(kind).toLowerCase(java.util.Locale.ROOT) + " type, which bpfsign does not print");
          }
          String keyword = switch (kind) {
            case STRUCT -> "struct";
            case UNION -> "union";
            case FWD -> t.kindFlag() ? "union" : "struct";
            default -> "enum";
          };
          out.append(keyword).append(' ').append(t.name());
        }
        case PTR -> out.append(lastWasPtr ? "*" : " *");
        case CONST -> out.append(" const");
        case VOLATILE -> out.append(" volatile");
        case RESTRICT -> out.append(" restrict");
        case TYPE_TAG -> {
          emitMods(out, stack);
          out.append(" __attribute__((btf_type_tag(\"").append(t.name()).append("\")))");
        }
        case ARRAY -> {
          // modifiers on the array itself mean nothing in C; libbpf drops them
          while (!stack.isEmpty() && stack.peek() != 0 && isMod(btf.kind(stack.peek()))) {
            stack.pop();
          }
          long nelems = t.arrayNelems();
          if (stack.isEmpty()) {
            emitName(out, name, lastWasPtr);
            out.append('[').append(nelems).append(']');
            return;
          }
          boolean multidim = stack.peek() != 0 && btf.kind(stack.peek()) == ARRAY;
          if (!name.isEmpty() && !lastWasPtr) {
            out.append(' ');
          }
          if (!multidim) {
            out.append('(');
          }
          emitChain(out, stack, name);
          if (!multidim) {
            out.append(')');
          }
          out.append('[').append(nelems).append(']');
          return;
        }
        default -> throw new BadInputException(btf.origin() + ": cannot declare '" + name + "' of BTF kind "
            + kindName(kind) + " as libbpf would");
      }
      lastWasPtr = kind == PTR;
    }
    emitName(out, name, lastWasPtr);
  }

  private void emitMods(StringBuilder out, Deque<Integer> stack) {
    while (!stack.isEmpty() && stack.peek() != 0) {
      int kind = btf.kind(stack.peek());
      String word = switch (kind) {
        case VOLATILE -> "volatile ";
        case CONST -> "const ";
        case RESTRICT -> "restrict ";
        default -> null;
      };
      if (word == null) {
        return;
      }
      out.append(word);
      stack.pop();
    }
  }

  private static boolean isMod(int kind) {
    return kind == CONST || kind == VOLATILE || kind == RESTRICT;
  }

  private static void emitName(StringBuilder out, String name, boolean lastWasPtr) {
    if (!name.isEmpty()) {
      out.append(lastWasPtr ? "" : " ").append(name);
    }
  }

  private static String kindName(int kind) {
    return dev.bpfsign.loader.btf.BtfKind.name(kind);
  }
}
