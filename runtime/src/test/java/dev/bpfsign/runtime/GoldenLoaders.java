package dev.bpfsign.runtime;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bpftool 7.8's golden loaders from keys-testdata as {@link LoaderFile}s: instructions, data and
 * signature from {@code golden/<fixture>/<plain|signed>/}, the ctx layout from the skeleton
 * header's {@code bpf_map_desc}/{@code bpf_prog_desc} members (the header is the ctx).
 */
public final class GoldenLoaders {
  private static final String ROOT = "/dev/bpfsign/testdata/bpf/golden/";
  private static final Pattern MEMBER = Pattern.compile("struct bpf_(map|prog)_desc (\\w+);");

  private GoldenLoaders() {}

  public static LoaderFile plain(String fixture) {
    return read(fixture, false);
  }

  public static LoaderFile signed(String fixture) {
    return read(fixture, true);
  }

  public static boolean exists(String fixture) {
    return GoldenLoaders.class.getResource(ROOT + fixture + "/plain/insns.bin") != null;
  }

  private static LoaderFile read(String fixture, boolean signed) {
    String dir = ROOT + fixture + "/" + (signed ? "signed" : "plain") + "/";
    Bytes insns = resource(dir + "insns.bin");
    Bytes data = resource(dir + "data.bin");
    CtxLayout ctx = ctxLayout(new String(resource(ROOT + fixture + (signed ? "/signed" : "/plain") + ".lskel.h").toArray(),
        StandardCharsets.UTF_8));
    List<SignatureBlock> sigs = signed
        ? List.of(new SignatureBlock(Scheme.LINUX_6_18, resource(dir + "sig.bin"), resource(dir + "excl_hash.bin")))
        : List.of();
    return new LoaderFile(fixture, signed ? Mode.SIGNABLE : Mode.PLAIN, ByteOrder.LITTLE_ENDIAN, insns, data, ctx, sigs);
  }

  static CtxLayout ctxLayout(String header) {
    List<String> maps = new ArrayList<>();
    List<String> progs = new ArrayList<>();
    Matcher m = MEMBER.matcher(header);
    while (m.find()) {
      (m.group(1).equals("map") ? maps : progs).add(m.group(2));
    }
    return new CtxLayout(maps, progs);
  }

  private static Bytes resource(String path) {
    try (InputStream in = GoldenLoaders.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return Bytes.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
