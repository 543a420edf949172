package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Corpus;
import dev.bpfsign.testdata.Fixtures;
import java.nio.charset.StandardCharsets;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.target.LoaderTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code target capture}, {@code gen --target FILE|host}, hostile profiles, batch determinism. */
class TargetCommandTest {
  @TempDir Path dir;

  private static final String[] NEEDS_TARGET = {"execsnoop", "biosnoop", "bootstrap", "tcpconnect"};

  private List<String> objects() {
    List<String> out = new ArrayList<>();
    for (String n : NEEDS_TARGET) {
      out.add(Corpus.objectPath(n).toString());
    }
    out.add(Fixtures.objectPath(Fixtures.KCONFIG).toString());
    out.add(Fixtures.objectPath(Fixtures.KFUNCS_KSYMS).toString());
    return out;
  }

  private Cli.Result gen(Path out, String target, String... extra) {
    List<String> args = new ArrayList<>(List.of("gen"));
    args.addAll(objects());
    args.addAll(List.of("-d", out.toString(), "--target", target));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void captureThenGenFromFile_equalsGenForHost() throws Exception {
    Path profile = dir.resolve("host.json");
    Cli.Result c = Cli.run("target", "capture", "-o", profile.toString());
    assertThat(c.code()).as(c.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(profile)).contains("\"schema\" : \"bpfsign.target/v1\"");
    JsonSchemas.assertValid(Files.readString(profile));
    JsonSchemas.assertValid(Files.readString(Corpus.referenceHost()));

    Cli.Result fromFile = gen(dir.resolve("file"), profile.toString());
    Cli.Result fromHost = gen(dir.resolve("host"), "host");

    assertThat(fromHost.code()).as(fromHost.err()).isEqualTo(fromFile.code());
    assertThat(fromHost.err()).isEqualTo(fromFile.err());
    for (String n : new String[] {"execsnoop_bpf", "biosnoop_bpf", "bootstrap_bpf", "tcpconnect_bpf", "kconfig_bpf",
        "kfuncs_ksyms_bpf"}) {
      Path a = dir.resolve("file/" + n + ".loader");
      Path b = dir.resolve("host/" + n + ".loader");
      assertThat(Files.exists(a)).as(n).isEqualTo(Files.exists(b));
      if (Files.exists(a)) {
        assertThat(Files.readAllBytes(a)).as(n).isEqualTo(Files.readAllBytes(b));
      }
    }
  }

  @Test
  void captureNoKallsyms_leavesTheBootSpecificPartOut() throws Exception {
    Cli.Result c = Cli.run("target", "capture", "--no-kallsyms");
    assertThat(c.code()).as(c.err()).isEqualTo(ExitCodes.OK);
    JsonSchemas.assertValid(c.out());
    assertThat(c.out()).doesNotContain("\"kallsyms\"").contains("\"captured_at\"");
  }

  @Test
  void target_withoutSubcommand_isAUsageError() {
    Cli.Result r = Cli.run("target");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("capture");
  }

  @Test
  void gen_oneOutputForTwoTargets_isAUsageError() {
    Cli.Result r = Cli.run("gen", Corpus.objectPath("execsnoop").toString(), "-o", dir.resolve("l").toString(),
        "--target", "host", "--target", Corpus.referenceHost().toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("use -d DIR");
    assertThat(dir.resolve("l")).doesNotExist();
  }

  @Test
  void genBatch_outputIndependentOfThreadCount() throws Exception {
    Cli.Result one = gen(dir.resolve("one"), Corpus.referenceHost().toString(), "-j", "1");
    Cli.Result four = gen(dir.resolve("four"), Corpus.referenceHost().toString(), "-j", "4");
    // kfuncs_ksyms needs a kallsyms entry the recorded profile does not keep: it fails alike in both
    assertThat(one.code()).isEqualTo(four.code());
    assertThat(one.err()).contains("kfuncs_ksyms").isEqualTo(four.err());
    assertThat(four.out().replace("/four/", "/x/")).isEqualTo(one.out().replace("/one/", "/x/"));
    try (var files = Files.list(dir.resolve("one"))) {
      for (Path f : files.toList()) {
        assertThat(Files.readAllBytes(dir.resolve("four").resolve(f.getFileName()))).isEqualTo(Files.readAllBytes(f));
      }
    }
  }

  @Test
  void genBatch_severalTargets_writesOneDirectoryPerTarget() throws Exception {
    Path other = dir.resolve("small.json");
    Files.writeString(other, "{\"schema\": \"bpfsign.target/v1\", \"kernel_release\": \"6.12.0\", \"possible_cpus\": 64}");
    Cli.Result r = Cli.run("gen", Corpus.objectPath("execsnoop").toString(), "-d", dir.resolve("out").toString(),
        "--target", Corpus.referenceHost().toString(), "--target", other.toString(), "--json");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(dir.resolve("out/reference-host/execsnoop_bpf.loader")).exists();
    assertThat(dir.resolve("out/small/execsnoop_bpf.loader")).exists();
    assertThat(r.out()).contains("\"schema\" : \"bpfsign.gen/v1\"").contains("\"status\" : \"written\"");
    assertThat(Files.readAllBytes(dir.resolve("out/small/execsnoop_bpf.loader")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("out/reference-host/execsnoop_bpf.loader")));
  }

  @Test
  void gen_explicitFlagOverridesTheProfileField() throws Exception {
    Cli.Result a = Cli.run("gen", Corpus.objectPath("execsnoop").toString(), "-o", dir.resolve("a").toString(),
        "--target", Corpus.referenceHost().toString(), "--possible-cpus", "64");
    Cli.Result b = Cli.run("gen", Corpus.objectPath("execsnoop").toString(), "-o", dir.resolve("b").toString(),
        "--possible-cpus", "64");
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    LoaderBundle la = LoaderFileFormat.readBundle(Files.readAllBytes(dir.resolve("a")), "a");
    LoaderBundle lb = LoaderFileFormat.readBundle(Files.readAllBytes(dir.resolve("b")), "b");
    // the same loaders; the files differ only in the target record, which names the profile in a
    assertThat(la.variants().stream().map(v -> v.withTarget(null)).toList())
        .isEqualTo(lb.variants().stream().map(v -> v.withTarget(null)).toList());
    assertThat(la.target().orElseThrow().possibleCpus()).isEqualTo(64);
    assertThat(la.target().orElseThrow().profileSha256()).isNotNull();
    assertThat(lb.target().orElseThrow().possibleCpus()).isEqualTo(64);
    assertThat(lb.target().orElseThrow().origin()).isEqualTo(LoaderTarget.Origin.OPTIONS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not json            | {"schema": "bpfsign.target/v1",           | line 1, column 32: the JSON ends early
      other schema        | {"schema": "bpfsign.target/v2"}            | field 'schema': 'bpfsign.target/v2' is not
      unknown field       | {"schema": "bpfsign.target/v1", "cpus": 2} | unknown field 'cpus'
      cpus as string      | {"schema": "bpfsign.target/v1", "possible_cpus": "2"} | field 'possible_cpus': expected an integer
      zero cpus           | {"schema": "bpfsign.target/v1", "possible_cpus": 0} | field 'possible_cpus': 0 is not between
      bad release         | {"schema": "bpfsign.target/v1", "kernel_release": "6.1 x"} | field 'kernel_release'
      garbage kconfig     | {"schema": "bpfsign.target/v1", "kconfig": {"CONFIG_X": "\\u0001\\u00ff\\u001b[2J"}} | field 'kconfig.CONFIG_X': value '\\x01\\xff\\x1b[2J' is empty or not printable
      bad kconfig name    | {"schema": "bpfsign.target/v1", "kconfig": {"HZ": "250"}} | field 'kconfig': 'HZ' is not a Kconfig name
      bad address         | {"schema": "bpfsign.target/v1", "kallsyms": {"foo": "xyz"}} | is not a hexadecimal address
      garbage symbol      | {"schema": "bpfsign.target/v1", "kallsyms": {"a\\u0000b": "10"}} | field 'kallsyms': 'a\\x00b' is not a symbol name
      bad time            | {"schema": "bpfsign.target/v1", "captured_at": "yesterday"} | field 'captured_at'
      top-level array     | []                                          | expected a target profile (bpfsign.target/v1), a JSON object, not an array
      """)
  void gen_hostileProfile_exits3NamingFileAndFieldAndWritesNothing(String what, String json, String expected) throws Exception {
    Path profile = dir.resolve("p.json");
    Files.writeString(profile, json);
    Path out = dir.resolve("l.loader");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", out.toString(), "--target", profile.toString());

    assertThat(r.code()).as(what).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).as(what).startsWith("bpfsign: " + profile + ": ").contains(expected);
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).as("printable").isTrue();
    assertThat(out).doesNotExist();
  }

  @Test
  void gen_binaryProfile_exits3WithoutRawBytes() throws Exception {
    Path profile = dir.resolve("p.json");
    Files.write(profile, new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, (byte) 0xff, 0x1b, '[', '2', 'J'});
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", dir.resolve("l").toString(),
        "--target", profile.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + profile + ": line 1, column 5: byte 0x00 is not JSON text (a binary file?)\n");
    assertThat(r.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
  }

  @Test
  void gen_targetIsADirectory_exits3() {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", dir.resolve("l").toString(),
        "--target", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + dir + ": is a directory\n");
  }

  @Test
  void gen_kallsymsWithBinaryGarbage_exits3NamingTheLine() throws Exception {
    Path kallsyms = dir.resolve("kallsyms");
    Files.write(kallsyms, "ffffffff81000000 T _text\n\u0000\u00ff\u001b[2Jgarbage\n".getBytes(StandardCharsets.ISO_8859_1));
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", dir.resolve("l").toString(),
        "--kallsyms", kallsyms.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + kallsyms + ":2: not kallsyms text");
    assertThat(r.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
  }

  @Test
  void gen_noTargetForAnObjectThatNeedsOne_namesTheMapAndTheFlags() {
    Cli.Result r = Cli.run("gen", Corpus.objectPath("execsnoop").toString(), "-o", dir.resolve("l").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("map 'events'").contains("--possible-cpus N or --target FILE|host");
  }
}
