package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import java.util.List;

/**
 * What a loader will create — BTF, maps, programs — decoded by running it in the emulator over
 * its own blob, never from stored metadata. Plain records and lists, ready to print as JSON.
 *
 * @param btf the uploaded BTF, or null if the loader uploads none
 * @param maps maps in creation order (inner-map prototypes included, with a null name)
 * @param programs programs in load order
 * @param ctxMaps the ctx layout's map names (skeleton order)
 * @param ctxPrograms the ctx layout's program names
 */
public record Manifest(
    ManifestBtf btf,
    List<ManifestMap> maps,
    List<ManifestProgram> programs,
    List<String> ctxMaps,
    List<String> ctxPrograms) {
  public Manifest {
    maps = List.copyOf(maps);
    programs = List.copyOf(programs);
    ctxMaps = List.copyOf(ctxMaps);
    ctxPrograms = List.copyOf(ctxPrograms);
  }

  /**
   * Emulates the loader with the default symbolic kernel and decodes what it creates. Fails when
   * the loader cannot be emulated or does not succeed (for a signable loader with a changed
   * blob, its own hash check returns -EINVAL).
   */
  public static Manifest of(LoaderFile loader) throws BadInputException {
    return from(loader, Emulator.run(loader));
  }

  /** The manifest of an emulation that has already run (e.g. against another kernel model). */
  public static Manifest from(LoaderFile loader, Emulation emulation) throws BadInputException {
    if (!emulation.succeeded()) {
      throw new BadInputException(
          "loader " + loader.name() + " returns " + emulation.r0() + " under emulation; it would fail to load");
    }
    return ManifestDecoder.decode(loader, emulation);
  }
}
