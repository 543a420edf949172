package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.signer.KernelCmsVerifier;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Co-signers that sign one loader at the same moment, as parallel pipeline jobs do: separate
 * {@code bpfsign sign} processes (not threads: the lock must hold between processes). Every
 * signature must end up in the file, in the canonical order.
 */
class ConcurrentSigningTest {
  private static final int ROUNDS = 20;

  /** Eight signers: six keys on the 6.18 variant, two of them also on the 7.3 variant (a separate signature). */
  private record Signer(String key, String scheme) {
    List<String> options() {
      return List.of("--key", TestKeys.path(key + ".key.pem").toString(),
          "--cert", TestKeys.path(key + ".cert.pem").toString(), "--scheme", scheme);
    }

    String[] args(Path loader) {
      List<String> all = new ArrayList<>(List.of("sign", loader.toString()));
      all.addAll(options());
      return all.toArray(String[]::new);
    }
  }

  private static final List<Signer> SIGNERS = List.of(
      new Signer(TestKeys.SIGNER_RSA2048, "6.18"),
      new Signer(TestKeys.SIGNER_RSA3072, "6.18"),
      new Signer(TestKeys.SIGNER_RSA4096, "6.18"),
      new Signer(TestKeys.SIGNER_P256, "6.18"),
      new Signer(TestKeys.SIGNER_P384, "6.18"),
      new Signer(TestKeys.CODESIGN_LEAF, "6.18"),
      new Signer(TestKeys.SIGNER_RSA3072, "7.3"),
      new Signer(TestKeys.SIGNER_P256, "7.3"));

  @TempDir Path dir;

  static LoaderFile unsigned() {
    return new LoaderFile(Fixtures.MAPS_BASIC, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.DATA)),
        new CtxLayout(List.of("counts"), List.of("count_getpid")), List.of());
  }

  /**
   * Eight signer processes, started together, each signing the same twenty loaders one after
   * the other (a round per loader): on every loader all eight race for the lock.
   */
  @Test
  void eightSignerProcesses_twentyRounds_everySignatureLandsInCanonicalOrder() throws Exception {
    // a loader with both variants (6.18 and 7.3), as gen writes it
    Path generated = dir.resolve("generated.loader");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", generated.toString()).code())
        .isZero();
    List<String> loaders = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      loaders.add(Files.copy(generated, dir.resolve("round" + round + ".loader")).toString());
    }
    List<Process> running = new ArrayList<>();
    for (Signer s : SIGNERS) {
      List<String> args = new ArrayList<>(loaders);
      args.add("--");
      args.addAll(s.options());
      running.add(Cli.startSeparately(SignRounds.class, args));
    }
    for (int i = 0; i < running.size(); i++) {
      Cli.Result r = Cli.finish(running.get(i));
      assertThat(r.code()).as("signer %s: %s%s", SIGNERS.get(i), r.out(), r.err()).isZero();
      for (String loader : loaders) {
        assertThat(r.out()).as("signer %s", SIGNERS.get(i)).contains("signed " + loader + ":");
      }
    }

    for (String path : loaders) {
      LoaderBundle signed = LoaderFileFormat.readBundle(Files.readAllBytes(Path.of(path)), path);
      assertThat(signed.signatureCount()).as(path).isEqualTo(SIGNERS.size());
      for (Signer s : SIGNERS) {
        Scheme scheme = Scheme.fromLabel(s.scheme()).orElseThrow();
        LoaderFile variant = signed.variant(scheme).orElseThrow();
        X509Certificate cert = TestKeys.certificate(s.key());
        List<SignatureBlock> theirs = variant.signatures().stream()
            .filter(b -> KernelCmsVerifier.namesSigner(b.cms().toArray(), cert))
            .toList();
        assertThat(theirs).as("%s: the signature of %s", path, s).hasSize(1);
        KernelCmsVerifier.verify(theirs.getFirst().cms().toArray(), variant.signedPayload().toArray(), cert, path);
      }
      for (LoaderFile variant : signed.variants()) {
        assertThat(variant.signatures()).as(path).isSortedAccordingTo(SignatureBlock.CANONICAL_ORDER);
      }
    }
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .as("no temporary file left").isEmpty();
    }
  }

  /** RSA signatures are deterministic: whichever signer comes first, the file is the same. */
  @Test
  void coSigningInEitherOrder_givesTheSameBytes() throws Exception {
    Path ab = Files.write(dir.resolve("ab.loader"), LoaderFileFormat.write(unsigned()));
    Path ba = Files.write(dir.resolve("ba.loader"), LoaderFileFormat.write(unsigned()));
    Signer a = SIGNERS.get(0);
    Signer b = SIGNERS.get(2);
    assertThat(Cli.run(a.args(ab)).code()).isZero();
    assertThat(Cli.run(b.args(ab)).code()).isZero();
    assertThat(Cli.run(b.args(ba)).code()).isZero();
    assertThat(Cli.run(a.args(ba)).code()).isZero();

    assertThat(Files.readAllBytes(ab)).isEqualTo(Files.readAllBytes(ba));
    assertThat(LoaderFileFormat.read(Files.readAllBytes(ab), "ab").signatures()).hasSize(2);
  }
}
