package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.elf.ElfConstants.*;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import dev.bpfsign.loader.elf.Symbol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The changes libbpf 1.8 makes to an object's BTF between {@code bpf_object__open} and
 * {@code bpf_gen__load_btf}, so that our uploaded bytes equal libbpf's. In gen_loader mode
 * {@code kernel_supports()} reports every feature, so nothing is sanitised; what remains is:
 *
 * <ol>
 *   <li>{@link ExternFixups} ({@code bpf_object__collect_externs}): .ksyms and .kconfig externs
 *       become allocated variables at computed offsets.
 *   <li>{@link DatasecFixups} ({@code bpf_object_fixup_btf}/{@code btf_fixup_datasec}): DATASEC
 *       sizes and VAR offsets from the ELF, hidden globals made static, VARs sorted by offset.
 *   <li>{@link #forUpload} ({@code bpf_object__sanitize_and_load_btf}): hidden global
 *       subprograms' FUNCs made static.
 * </ol>
 */
public final class BtfFixups {
  private BtfFixups() {}

  /** The object's BTF as libbpf holds it after open, with its externs; empty without .BTF. */
  public static Optional<ObjectBtf> open(ElfFile elf) throws BtfFormatException {
    Optional<Btf> btf = Btf.read(elf);
    if (btf.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(open(elf, btf.get()));
  }

  public static ObjectBtf open(ElfFile elf, Btf btf) throws BtfFormatException {
    BtfEditor editor = new BtfEditor(btf);
    List<BtfExtern> externs = ExternFixups.apply(elf, btf, editor);
    DatasecFixups.apply(elf, editor.build(), editor);
    return new ObjectBtf(editor.build(), externs);
  }

  /**
   * What {@code bpf_object__sanitize_and_load_btf} hands to {@code bpf_gen__load_btf}: for every
   * {@code .text} function symbol that is global or weak but hidden or internal (libbpf's
   * {@code mark_btf_static}), the first global FUNC of that name becomes static.
   */
  public static Btf forUpload(ElfFile elf, Btf opened) {
    Optional<Section> text = textSection(elf);
    if (text.isEmpty()) {
      return opened;
    }
    BtfEditor editor = new BtfEditor(opened);
    for (Symbol sym : elf.symbols()) {
      if (sym.sectionIndex() != text.get().index() || sym.type() != STT_FUNC) {
        continue;
      }
      boolean global = sym.bind() != STB_LOCAL;
      boolean hidden = sym.visibility() == STV_HIDDEN || sym.visibility() == STV_INTERNAL;
      if (!global || !hidden) {
        continue;
      }
      byte[] name = sym.name().getBytes(StandardCharsets.UTF_8);
      for (int id = 1; id < opened.typeCount(); id++) {
        int info = editor.info(id);
        if (((info >>> 24) & 0x7f) != BtfKind.FUNC || (info & 0xffffff) != BtfKind.FUNC_GLOBAL) {
          continue;
        }
        if (Arrays.equals(opened.string(opened.nameOff(id)).getBytes(StandardCharsets.UTF_8), name)) {
          editor.setInfo(id, BtfKind.FUNC << 24 | BtfKind.FUNC_STATIC);
          break;
        }
      }
    }
    return editor.build();
  }

  /** The bytes libbpf's gen_loader uploads with BPF_BTF_LOAD; empty if the object has no .BTF. */
  public static Optional<byte[]> uploadBytes(ElfFile elf) throws BtfFormatException {
    Optional<ObjectBtf> opened = open(elf);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(forUpload(elf, opened.get().btf()).encode());
  }

  /** libbpf's {@code text_shndx}: a non-empty executable PROGBITS section named ".text". */
  static Optional<Section> textSection(ElfFile elf) {
    for (Section s : elf.sections()) {
      if (s.type() == SHT_PROGBITS && s.size() > 0 && s.isExecutable() && s.name().equals(".text")) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** C {@code strcmp} order on the UTF-8 bytes. */
  static final Comparator<String> STRCMP =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  static List<Integer> datasecs(Btf btf) {
    List<Integer> out = new ArrayList<>();
    for (int id = 1; id < btf.typeCount(); id++) {
      if (btf.kind(id) == BtfKind.DATASEC) {
        out.add(id);
      }
    }
    return out;
  }
}
