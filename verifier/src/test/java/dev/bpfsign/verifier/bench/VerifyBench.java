package dev.bpfsign.verifier.bench;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.skel.LightSkeletonReader;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import dev.bpfsign.verifier.TrustStore;
import dev.bpfsign.verifier.Verdict;
import dev.bpfsign.verifier.Verifier;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cms.CMSSignedData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process verification of a bpftool-signed RSA-3072 loader (imported light skeleton) against the bare floor: one RSA
 * verification (SHA256withRSA over the instructions, as the kernel does for the 6.18 scheme)
 * plus SHA-256 of the data blob. Target: verify ≤ 1.5 × floor, ≥ 5,000 verifications/s on one
 * core. Run: {@code bench/run verifier VerifyBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class VerifyBench {
  @Param({"maps_basic", "global_data"})
  public String fixture;

  private LoaderFile loader;
  private Verifier verifier;
  private PublicKey key;
  private byte[] rawSignature;
  private byte[] insns;
  private byte[] data;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    java.nio.file.Path header = Fixtures.header(fixture, Fixtures.SIGNED);
    loader = LightSkeletonReader.readLoader(java.nio.file.Files.readAllBytes(header), header.toString());
    SignatureBlock sig = loader.signatures().get(0);
    insns = loader.insns().toArray();
    data = loader.data().toArray();
    verifier = Verifier.builder()
        .trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072))))
        .at(Instant.parse("2026-11-01T00:00:00Z"))
        .build();
    key = TestKeys.certificate(TestKeys.SIGNER_RSA3072).getPublicKey();
    rawSignature = new CMSSignedData(sig.cms().toArray()).getSignerInfos().iterator().next().getSignature();
    if (!verify().admitted() || !floor()) {
      throw new IllegalStateException("the benchmark loader must verify: " + verify());
    }
  }

  @Benchmark
  public Verdict verify() {
    return verifier.verify(loader);
  }

  @Benchmark
  public boolean floor() throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(insns);
    boolean ok = s.verify(rawSignature);
    byte[] dataHash = MessageDigest.getInstance("SHA-256").digest(data);
    return ok && dataHash.length == 32;
  }
}
