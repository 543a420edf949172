package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test inputs built from the checked-in keys and bpftool goldens. */
final class Material {
  /** Inside the validity of the test PKI's good certificates (2026-01-01 .. 2046-01-01). */
  static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");

  private static final Pattern MEMBER = Pattern.compile("struct bpf_(map|prog)_desc\\s+(\\w+);");

  private Material() {}

  /** bpftool's signable loader for a fixture, as a loader file (no signatures). */
  static LoaderFile signableLoader(String fixture) {
    return new LoaderFile(fixture, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.DATA)),
        ctxLayout(fixture), List.of());
  }

  /** bpftool-7.3's signable loader for a fixture (the 7.3 variant). */
  static LoaderFile signableLoader73(String fixture) {
    return new LoaderFile(fixture, Mode.SIGNABLE, dev.bpfsign.loader.file.Scheme.LINUX_7_3, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.DATA)),
        ctxLayout(fixture), List.of());
  }

  /** bpftool's plain loader for a fixture. */
  static LoaderFile plainLoader(String fixture) {
    return new LoaderFile(fixture, Mode.PLAIN, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(fixture, Fixtures.PLAIN, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.PLAIN, Fixtures.DATA)),
        ctxLayout(fixture), List.of());
  }

  /** The map and program names of the skeleton struct in bpftool's header, in order. */
  static CtxLayout ctxLayout(String fixture) {
    String header;
    try {
      header = Files.readString(Fixtures.header(fixture, Fixtures.SIGNED));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = header.indexOf("struct " + fixture + " {");
    int end = header.indexOf("\n};", start);
    List<String> maps = new ArrayList<>();
    List<String> progs = new ArrayList<>();
    Matcher m = MEMBER.matcher(header.substring(start, end));
    while (m.find()) {
      (m.group(1).equals("map") ? maps : progs).add(m.group(2));
    }
    return new CtxLayout(maps, progs);
  }

  /** PEM key {@code NAME.key.pem} with certificate {@code NAME.cert.pem}. */
  static SigningCredentials pem(String name) throws BadInputException {
    return pem(name + ".key.pem", name);
  }

  static SigningCredentials pem(String keyFile, String certName) throws BadInputException {
    return PemKeys.credentials(TestKeys.path(keyFile), Optional.empty(), Map.of(),
        Certificates.read(TestKeys.path(certName + ".cert.pem")));
  }

  static LoaderSigner signer(String name) throws BadInputException {
    return LoaderSigner.create(pem(name), LoaderSigner.Options.defaults(NOW));
  }
}
