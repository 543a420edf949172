package dev.bpfsign.signer.bench;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.signer.Certificates;
import dev.bpfsign.signer.KeyAlgorithm;
import dev.bpfsign.signer.LoaderSigner;
import dev.bpfsign.signer.PemKeys;
import dev.bpfsign.signer.SigningCredentials;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.ByteOrder;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signatures per second through {@link LoaderSigner#sign} (CMS assembly, excl hash, payload
 * copy, self-verification) against the bare JCA work it cannot avoid on the same key and
 * provider: one {@code Signature.sign} plus one {@code Signature.verify} with the certificate's
 * key. Target: {@code signer} within 15 % of {@code bareJca}.
 *
 * <pre>bench/run signer SignBench -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SignBench {
  @Param({"signer-rsa3072", "signer-p256"})
  public String key;

  private LoaderSigner signer;
  private LoaderFile loader;
  private byte[] payload;
  private SigningCredentials credentials;
  private String algorithm;
  private PublicKey publicKey;

  @Setup
  public void setUp() throws Exception {
    credentials = PemKeys.credentials(TestKeys.path(key + ".key.pem"), Optional.empty(), Map.of(),
        Certificates.read(TestKeys.path(key + ".cert.pem")));
    signer = LoaderSigner.create(credentials, LoaderSigner.Options.defaults(Instant.parse("2030-01-01T00:00:00Z")));
    loader = new LoaderFile(Fixtures.MAPS_BASIC, dev.bpfsign.loader.file.Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.DATA)),
        new CtxLayout(List.of(), List.of()), List.of());
    payload = loader.insns().toArray();
    algorithm = KeyAlgorithm.of(credentials.certificate().getPublicKey(), key).jcaSignature();
    // the signer signs a file key and verifies in the platform's providers, with the
    // certificate's own key object; the baseline does the same
    publicKey = credentials.certificate().getPublicKey();
  }

  @Benchmark
  public SignatureBlock signer() throws Exception {
    return signer.sign(loader, Scheme.LINUX_6_18, "bench");
  }

  @Benchmark
  public boolean bareJca() throws Exception {
    Signature s = credentials.provider().isPresent()
        ? Signature.getInstance(algorithm, credentials.provider().get())
        : Signature.getInstance(algorithm);
    s.initSign(credentials.key());
    s.update(payload);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(algorithm);
    v.initVerify(publicKey);
    v.update(payload);
    return v.verify(sig);
  }
}
