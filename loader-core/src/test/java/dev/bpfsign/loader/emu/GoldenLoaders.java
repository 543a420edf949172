package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.testdata.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bpftool's golden loaders as {@link LoaderFile}s, with the ctx layout read off the golden
 * light-skeleton header by a plain regex (independent of any bpfsign parser).
 */
final class GoldenLoaders {
  private GoldenLoaders() {}

  static LoaderFile load(String fixture, String mode) {
    return new LoaderFile(
        fixture,
        mode.equals(Fixtures.PLAIN) ? Mode.PLAIN : Mode.SIGNABLE,
        mode.equals(Fixtures.SIGNED_7_3) ? dev.bpfsign.loader.file.Scheme.LINUX_7_3
            : dev.bpfsign.loader.file.Scheme.LINUX_6_18,
        ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(fixture, mode, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(fixture, mode, Fixtures.DATA)),
        new CtxLayout(headerMaps(fixture, mode), headerPrograms(fixture, mode)),
        List.of());
  }

  /** Every (fixture, mode) pair with goldens. */
  static List<String[]> all() {
    List<String[]> out = new ArrayList<>();
    for (String name : Fixtures.names()) {
      out.add(new String[] {name, Fixtures.PLAIN});
      out.add(new String[] {name, Fixtures.SIGNED});
    }
    return out;
  }

  /** Member names of {@code struct { struct bpf_map_desc NAME; … } maps;}. */
  static List<String> headerMaps(String fixture, String mode) {
    return members(header(fixture, mode), "bpf_map_desc");
  }

  static List<String> headerPrograms(String fixture, String mode) {
    return members(header(fixture, mode), "bpf_prog_desc");
  }

  private static String header(String fixture, String mode) {
    try {
      return Files.readString(Fixtures.header(fixture, mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> members(String header, String type) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\bstruct " + type + " (\\w+);").matcher(header);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
