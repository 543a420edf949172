package dev.bpfsign.signer.bench;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.signer.Certificates;
import dev.bpfsign.signer.LoaderSigner;
import dev.bpfsign.signer.PemKeys;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the dual artefact costs: object bytes in, signed loader file bytes out (parse, generate,
 * sign with RSA-3072, write), for one variant (6.18) against both (6.18 and 7.3). The file sizes
 * are in {@code VariantsSizeTest}'s output. Results: docs/generator.md, "Both variants".
 *
 * <pre>bench/run signer VariantsBench -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class VariantsBench {
  @Param({"maps_basic", "core_relos", "large"})
  public String fixture;

  private byte[] object;
  private LoaderSigner signer;

  @Setup
  public void setUp() throws Exception {
    object = Fixtures.object(fixture);
    signer = LoaderSigner.create(PemKeys.credentials(TestKeys.path("signer-rsa3072.key.pem"), Optional.empty(), Map.of(),
        Certificates.read(TestKeys.path("signer-rsa3072.cert.pem"))),
        LoaderSigner.Options.defaults(Instant.parse("2030-01-01T00:00:00Z")));
  }

  @Benchmark
  public byte[] oneVariant() throws Exception {
    return genSignWrite(List.of(Scheme.LINUX_6_18));
  }

  @Benchmark
  public byte[] bothVariants() throws Exception {
    return genSignWrite(List.of(Scheme.LINUX_6_18, Scheme.LINUX_7_3));
  }

  private byte[] genSignWrite(List<Scheme> schemes) throws Exception {
    LoaderBundle generated = LoaderGenerator.bundle(
        ObjectReader.read(fixture + ".bpf.o", object, GenInputs.named(fixture)), Mode.SIGNABLE, schemes);
    List<LoaderFile> signed = new ArrayList<>();
    for (LoaderFile v : generated.variants()) {
      signed.add(v.withSignature(signer.sign(v, v.scheme(), fixture)));
    }
    return LoaderFileFormat.write(new LoaderBundle(signed));
  }
}
