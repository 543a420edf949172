package dev.bpfsign.loader.elf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The checked-in BPF fixture objects (keys-testdata/bpf), read from the test classpath. */
public final class FixtureObjects {
  private FixtureObjects() {}

  public static final List<String> NAMES =
      List.of(
          "core_relos",
          "global_data",
          "kconfig",
          "kfuncs_ksyms",
          "large",
          "map_in_map",
          "maps_basic",
          "prog_types",
          "subprogs",
          "tailcalls",
          "trampolines",
          "typed_ksyms",
          "unsupported_prog_array_init");

  public static byte[] object(String name) {
    return resource(name + ".bpf.o");
  }

  /** A golden file below {@code golden/NAME/}, e.g. {@code plain/data.bin}. */
  public static byte[] golden(String name, String file) {
    return resource("golden/" + name + "/" + file);
  }

  public static ElfFile parse(String name) {
    try {
      return ElfFile.parse(name + ".bpf.o", object(name));
    } catch (ElfFormatException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] resource(String path) {
    String full = "/dev/bpfsign/testdata/bpf/" + path;
    try (InputStream in = FixtureObjects.class.getResourceAsStream(full)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + full);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
