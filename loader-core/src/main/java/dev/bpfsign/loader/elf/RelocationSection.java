package dev.bpfsign.loader.elf;

import java.util.List;

/**
 * A {@code SHT_REL} (or {@code SHT_RELA}) section and its records; {@code targetIndex} (the
 * header's {@code sh_info}) is a valid section index.
 */
public record RelocationSection(Section section, int targetIndex, List<Relocation> relocations) {
  public RelocationSection {
    relocations = List.copyOf(relocations);
  }

  public boolean isRela() {
    return section.type() == ElfConstants.SHT_RELA;
  }
}
