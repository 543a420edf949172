package dev.bpfsign.runtime;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
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
 * bpftool 7.8's golden loaders ({@link Fixtures}) as {@link LoaderFile}s: instructions, data and
 * signature from the goldens, the ctx layout from the skeleton header's {@code bpf_map_desc} /
 * {@code bpf_prog_desc} members (in a light skeleton the struct is the ctx).
 */
public final class GoldenLoaders {
  private static final Pattern MEMBER = Pattern.compile("struct bpf_(map|prog)_desc (\\w+);");

  private GoldenLoaders() {}

  public static LoaderFile plain(String fixture) {
    return new LoaderFile(fixture, Mode.PLAIN, ByteOrder.LITTLE_ENDIAN,
        part(fixture, Fixtures.PLAIN, Fixtures.INSNS), part(fixture, Fixtures.PLAIN, Fixtures.DATA),
        ctxLayout(fixture, Fixtures.PLAIN), List.of());
  }

  public static LoaderFile signed(String fixture) {
    return new LoaderFile(fixture, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN,
        part(fixture, Fixtures.SIGNED, Fixtures.INSNS), part(fixture, Fixtures.SIGNED, Fixtures.DATA),
        ctxLayout(fixture, Fixtures.SIGNED),
        List.of(new SignatureBlock(Scheme.LINUX_6_18, part(fixture, Fixtures.SIGNED, Fixtures.SIG),
            part(fixture, Fixtures.SIGNED, Fixtures.EXCL_HASH))));
  }

  /** bpftool-7.3's signed loader (the 7.3 variant: no metadata check, signature over insns ‖ data). */
  public static LoaderFile signed73(String fixture) {
    return new LoaderFile(fixture, Mode.SIGNABLE, Scheme.LINUX_7_3, ByteOrder.LITTLE_ENDIAN,
        part(fixture, Fixtures.SIGNED_7_3, Fixtures.INSNS), part(fixture, Fixtures.SIGNED_7_3, Fixtures.DATA),
        ctxLayout(fixture, Fixtures.SIGNED_7_3),
        List.of(new SignatureBlock(Scheme.LINUX_7_3, part(fixture, Fixtures.SIGNED_7_3, Fixtures.SIG),
            part(fixture, Fixtures.SIGNED_7_3, Fixtures.EXCL_HASH))));
  }

  private static Bytes part(String fixture, String mode, String part) {
    return Bytes.of(Fixtures.golden(fixture, mode, part));
  }

  static CtxLayout ctxLayout(String fixture, String mode) {
    try {
      String header = Files.readString(Fixtures.header(fixture, mode));
      List<String> maps = new ArrayList<>();
      List<String> progs = new ArrayList<>();
      Matcher m = MEMBER.matcher(header);
      while (m.find()) {
        (m.group(1).equals("map") ? maps : progs).add(m.group(2));
      }
      return new CtxLayout(maps, progs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
