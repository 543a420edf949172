package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that reads a file answers a missing or unreadable one, and an unknown option,
 * with one line on stderr naming the problem, the documented exit code, no stack trace, and no
 * output file.
 */
class BadInputTest {
  private static final String INPUT = "@INPUT@";
  private static final String OUT = "@OUT@";

  @TempDir Path dir;

  /** Each command with its required arguments; {@value #INPUT} is the file under test. */
  static Stream<List<String>> commands() {
    String cert = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    String key = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString();
    return Stream.of(
        List.of("gen", INPUT, "-o", OUT),
        List.of("sign", INPUT, "--key", key, "--cert", cert),
        List.of("verify", INPUT, "--trust", cert),
        List.of("diff", INPUT, INPUT),
        List.of("import", INPUT, "-o", OUT),
        List.of("export", INPUT, "--insns", OUT, "--data", OUT + ".data"),
        List.of("inspect", INPUT),
        List.of("skel", INPUT, "-o", OUT),
        List.of("load", INPUT, "--trust", cert));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void missingFile_exits3WithOneLineNamingThePath(List<String> command) {
    Path missing = dir.resolve("no-such-file.bin");

    Cli.Result r = Cli.run(args(command, missing));

    assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertOneLine(r.err()).contains(missing.toString());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void directoryAsFile_exits3WithOneLine(List<String> command) {
    Cli.Result r = Cli.run(args(command, dir));

    assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertOneLine(r.err()).contains(dir.toString());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void garbageFile_exits3WithOneLine(List<String> command) throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.bin"), "this is neither an ELF object nor a loader\n");

    Cli.Result r = Cli.run(args(command, garbage));

    assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertOneLine(r.err()).contains(garbage.toString());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void unknownOption_exits2WithOneLine(List<String> command) {
    List<String> args = new ArrayList<>(List.of(args(command, dir.resolve("x"))));
    args.add("--no-such-option");

    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
    assertOneLine(r.err()).contains("--no-such-option");
  }

  private String[] args(List<String> command, Path input) {
    return command.stream()
        .map(a -> a.replace(INPUT, input.toString()).replace(OUT, dir.resolve("out").toString()))
        .toArray(String[]::new);
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertOneLine(String err) {
    assertThat(err.lines().toList()).as(err).hasSize(1);
    assertThat(err).startsWith("bpfsign: ").doesNotContain("Exception").doesNotContain("\tat ");
    return assertThat(err);
  }
}
