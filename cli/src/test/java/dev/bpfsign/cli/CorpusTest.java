package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Corpus;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real-world corpus (keys-testdata/corpus): for the recorded reference host, bpfsign's
 * loaders equal bpftool's byte for byte, in both modes, generated as one batch; objects over
 * the loader's limits are refused by gen and import alike.
 */
class CorpusTest {
  @TempDir Path dir;

  private static List<String> objects() {
    List<String> args = new ArrayList<>();
    for (String n : Corpus.names()) {
      args.add(Corpus.objectPath(n).toString());
    }
    return args;
  }

  /** bpftool 7.8's loaders are the 6.18 variant of the files gen and sign write (both variants by default). */
  private static LoaderFile variant618(Path file, String name) throws Exception {
    return variant(file, name, dev.bpfsign.loader.file.Scheme.LINUX_6_18);
  }

  /** bpftool-7.3's loaders (goldens signed-7.3) are the 7.3 variant; RSA signatures over insns ‖ data identical too. */
  private static LoaderFile variant(Path file, String name, dev.bpfsign.loader.file.Scheme scheme) throws Exception {
    return LoaderFileFormat.readBundle(Files.readAllBytes(file), name).variant(scheme).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Fixtures.PLAIN, Fixtures.SIGNED})
  void genBatch_referenceHostTarget_equalsBpftoolOnEveryObject(String mode) throws Exception {
    // 30 of bcc's libbpf-tools and libbpf-bootstrap, 11 of the kernel's BPF selftests
    assertThat(Corpus.names()).hasSizeGreaterThanOrEqualTo(41)
        .contains("execsnoop", "fentry", "atomics", "map_ptr_kern", "test_ringbuf_n", "trace_printk");
    List<String> args = new ArrayList<>(List.of("gen"));
    args.addAll(objects());
    args.addAll(List.of("-d", dir.toString(), "--target", Corpus.referenceHost().toString()));
    if (mode.equals(Fixtures.PLAIN)) {
      args.add("--plain");
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<String> differing = new ArrayList<>();
    for (String n : Corpus.names()) {
      LoaderFile loader = variant618(dir.resolve(n + "_bpf.loader"), n);
      if (!Arrays.equals(loader.insns().toArray(), Corpus.golden(n, mode, "insns"))
          || !Arrays.equals(loader.data().toArray(), Corpus.golden(n, mode, "data"))) {
        differing.add(n);
      }
      // the 7.3 variant: bpftool-7.3's signable loader, or (plain) the same plain loader
      LoaderFile v73 = variant(dir.resolve(n + "_bpf.loader"), n, dev.bpfsign.loader.file.Scheme.LINUX_7_3);
      String mode73 = mode.equals(Fixtures.PLAIN) ? Fixtures.PLAIN : Fixtures.SIGNED_7_3;
      if (!Arrays.equals(v73.insns().toArray(), Corpus.golden(n, mode73, "insns"))
          || !Arrays.equals(v73.data().toArray(), Corpus.golden(n, mode73, "data"))) {
        differing.add(n + " (7.3)");
      }
    }
    assertThat(differing).as("objects whose loader differs from bpftool's").isEmpty();
  }

  @Test
  void signBatch_rsa3072_equalsBpftoolsSignedLoaderAndSignatureOnEveryObject() throws Exception {
    List<String> args = new ArrayList<>(List.of("sign"));
    args.addAll(objects());
    args.addAll(List.of("-d", dir.toString(), "--target", Corpus.referenceHost().toString(),
        "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<String> differing = new ArrayList<>();
    for (String n : Corpus.names()) {
      LoaderFile loader = variant618(dir.resolve(n + "_bpf.loader"), n);
      if (!Arrays.equals(loader.insns().toArray(), Corpus.golden(n, Fixtures.SIGNED, "insns"))
          || !Arrays.equals(loader.data().toArray(), Corpus.golden(n, Fixtures.SIGNED, "data"))
          || loader.signatures().size() != 1
          || !Arrays.equals(loader.signatures().get(0).cms().toArray(), Corpus.golden(n, Fixtures.SIGNED, "sig"))) {
        differing.add(n);
      }
      LoaderFile v73 = variant(dir.resolve(n + "_bpf.loader"), n, dev.bpfsign.loader.file.Scheme.LINUX_7_3);
      if (!Arrays.equals(v73.insns().toArray(), Corpus.golden(n, Fixtures.SIGNED_7_3, "insns"))
          || v73.signatures().size() != 1
          || !Arrays.equals(v73.signatures().get(0).cms().toArray(), Corpus.golden(n, Fixtures.SIGNED_7_3, "sig"))) {
        differing.add(n + " (7.3)");
      }
    }
    assertThat(differing).as("objects whose signed loader differs from bpftool's").isEmpty();
  }

  @Test
  void signBatch_oneBadObject_failsItsOwnLineAndSignsTheOthers() throws Exception {
    Path bad = dir.resolve("broken.bpf.o");
    Files.write(bad, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("sign", Corpus.objectPath("execsnoop").toString(), bad.toString(), "-d", out.toString(),
        "--target", Corpus.referenceHost().toString(), "--json",
        "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err().lines().toList()).singleElement().asString().startsWith("bpfsign: " + bad + ": ");
    assertThat(out.resolve("execsnoop_bpf.loader")).exists();
    assertThat(out.resolve("broken_bpf.loader")).doesNotExist();
    assertThat(r.out()).contains("\"status\" : \"failed\"").contains("\"status\" : \"signed\"");
  }

  @Test
  void genBatch_withoutTarget_failsOnlyTheObjectsThatNeedOne_namingTheFlag() {
    List<String> args = new ArrayList<>(List.of("gen"));
    args.addAll(objects());
    args.addAll(List.of("-d", dir.toString()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    List<String> errors = r.err().lines().toList();
    assertThat(errors).isNotEmpty().allSatisfy(line -> assertThat(line).containsAnyOf(
        "pass --possible-cpus N or --target FILE|host", "pass --kernel-version X.Y.Z or --target FILE|host"));
    long written = r.out().lines().filter(l -> l.startsWith("wrote ")).count();
    assertThat(written + errors.size()).isEqualTo(Corpus.names().size());
    assertThat(written).isPositive();
  }

  @Test
  void gen_objectOverTheLoaderLimits_refusedSayingWhy() {
    Path out = dir.resolve("memleak.loader");
    Cli.Result r = Cli.run("gen", Corpus.overLimitObject().toString(), "-o", out.toString(),
        "--target", Corpus.referenceHost().toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("33 program fds").contains("EACCES").contains("split the object");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void gen_objectBpftoolRefuses_refusedNamingTheProgramAndSection() {
    Path out = dir.resolve("fentry_test.loader");
    Cli.Result r = Cli.run("gen", Corpus.bpftoolRefusedObject().toString(), "-o", out.toString(),
        "--target", Corpus.referenceHost().toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("'test9'").contains("fentry.ftrace/").contains("no program type");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void import_bpftoolHeaderOverTheLoaderLimits_refusedAlike() {
    Path out = dir.resolve("memleak.loader");
    Cli.Result r = Cli.run("import", Corpus.overLimitHeader().toString(), "-o", out.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("33 program fds").contains("EACCES").contains("split the object");
    assertThat(out).doesNotExist();
  }
}
