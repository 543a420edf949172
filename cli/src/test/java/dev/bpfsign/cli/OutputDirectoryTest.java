package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An output file in a directory that does not exist (docs/cli.md, "Files bpfsign writes"): every
 * command that writes a file refuses it the same way — one line naming the path and the missing
 * directory, exit 3, nothing created (no directory, no file, no other output of the command).
 * Only {@code -d DIR}, which names a directory, creates it.
 */
class OutputDirectoryTest {
  @TempDir static Path inputs;
  @TempDir Path dir;
  private static Path loader;

  @BeforeEach
  void loader() throws Exception {
    if (loader == null) {
      loader = inputs.resolve("a.loader");
      Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", loader.toString());
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  private static String key() {
    return TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString();
  }

  private static String cert() {
    return TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
  }

  /** Each writing command with its output in {@code OUT} (a path in a missing directory). */
  static Stream<String> commands() {
    return Stream.of(
        "gen OBJECT -o OUT",
        "sign LOADER -o OUT --key KEY --cert CERT",
        "sign LOADER --scheme 6.18 --detached OUT --key KEY --cert CERT",
        "export LOADER --scheme 6.18 --insns OUT",
        "export LOADER --scheme 6.18 --insns OK --data OUT",
        "skel LOADER --scheme 6.18 -o OUT",
        "import HEADER -o OUT",
        "target capture --no-kallsyms -o OUT",
        "enforce --export-loader OUT",
        // checked before the registry is asked: nothing is fetched that has nowhere to go
        "pull oci://127.0.0.1:9/none/such:1 --insecure -o OUT");
  }

  private List<String> args(String command, Path out) {
    List<String> args = new ArrayList<>();
    for (String a : command.split(" ")) {
      args.add(switch (a) {
        case "OBJECT" -> Fixtures.objectPath(Fixtures.MAPS_BASIC).toString();
        case "LOADER" -> loader.toString();
        case "HEADER" -> Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString();
        case "KEY" -> key();
        case "CERT" -> cert();
        case "OUT" -> out.toString();
        case "OK" -> dir.resolve("ok.insns").toString();
        default -> a;
      });
    }
    return args;
  }

  @ParameterizedTest
  @MethodSource("commands")
  void outputInMissingDirectory_isOneLineExit3AndNothingWritten(String command) throws Exception {
    Path missing = dir.resolve("missing");
    Path out = missing.resolve("out");

    Cli.Result r = Cli.run(args(command, out).toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + out + ": cannot write: no such directory " + missing + "\n");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("nothing written, no directory made").isEmpty();
    }
  }

  @Test
  void gen_outputUnderARegularFile_saysItIsNotADirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path out = file.resolve("out.loader");

    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", out.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + out + ": cannot write: " + file + " is not a directory\n");
  }

  @Test
  void gen_outputDirectoryOption_createsTheDirectoryItNames() throws Exception {
    Path outDir = dir.resolve("new/loaders");

    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-d", outDir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> written = Files.list(outDir)) {
      assertThat(written).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".loader"));
    }
  }
}
