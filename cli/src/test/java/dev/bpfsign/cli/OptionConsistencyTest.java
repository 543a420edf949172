package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md "Options": one meaning, one type, one default and one parser per option name. */
class OptionConsistencyTest {
  /** Names whose commands legitimately differ in shape, with the reason (docs/cli.md). */
  private static final Map<String, String> SAME_MEANING_OTHER_SHAPE = Map.of(
      "--cert", "sign takes the one signer certificate; verify and load take any number of untrusted certificates",
      "--keyring", "verify and load name the one keyring the kernel checks (default builtin); enforce the set a"
          + " signed load may name (default builtin); keyring add/list the keyring to provision (default bpfsign's)");

  @TempDir Path dir;

  /** Every option of every command (BpfSign.COMMANDS), by name: the shape each command gives it. */
  private static Map<String, List<String>> optionsByName() {
    Map<String, List<String>> shapes = new TreeMap<>();
    List<CommandLine> all = new ArrayList<>();
    for (Class<?> type : BpfSign.COMMANDS) {
      addWithSubcommands(new CommandLine(type), all);
    }
    for (CommandLine cl : all) {
      String command = cl.getCommandSpec().qualifiedName(" ");
      for (OptionSpec o : cl.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp() || o.inherited() || o.hidden()) {
          continue;
        }
        String shape = command + ": type " + o.type().getSimpleName() + Arrays.toString(o.auxiliaryTypes())
            + ", default " + o.defaultValue() + ", initial " + o.initialValue() + ", arity " + o.arity()
            + ", split " + o.splitRegex() + ", converters "
            + Arrays.stream(o.converters()).map(c -> c.getClass().getSimpleName()).toList();
        for (String name : o.names()) {
          shapes.computeIfAbsent(name, n -> new ArrayList<>()).add(shape);
        }
      }
    }
    return shapes;
  }

  private static void addWithSubcommands(CommandLine cl, List<CommandLine> out) {
    out.add(cl);
    cl.getSubcommands().values().forEach(sub -> addWithSubcommands(sub, out));
  }

  @Test
  void everySharedOptionName_hasOneTypeDefaultAndParser() {
    List<String> differing = new ArrayList<>();
    optionsByName().forEach((name, shapes) -> {
      long distinct = shapes.stream().map(s -> s.substring(s.indexOf(':'))).distinct().count();
      if (distinct > 1 && !SAME_MEANING_OTHER_SHAPE.containsKey(name)) {
        differing.add(name + " " + shapes);
      }
    });
    assertThat(differing).isEmpty();
  }

  @Test
  void pin_meansOnlyLoadsBpffsDirectory_andSignsOldSpellingNamesTheNewOne() {
    assertThat(optionsByName().get("--pin")).singleElement().asString().startsWith("load:");
    Cli.Result r = Cli.run("sign", "x.loader", "--pkcs11", "t.cfg", "--alias", "a", "--pin", "env:PIN");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--pkcs11-pin").hasLineCount(1);
  }

  @Test
  void keyring_badValue_isTheSameUsageErrorInVerifyAndLoad() {
    Path loader = Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED);
    String trust = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    Cli.Result verify = Cli.run("verify", loader.toString(), "--trust", trust, "--keyring", "nosuch");
    Cli.Result load = Cli.run("load", loader.toString(), "--trust", trust, "--keyring", "nosuch");
    assertThat(verify.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(load.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(load.err()).isEqualTo(verify.err());
  }

  @Test
  void keyring_defaultsToBuiltinWhereTheKernelIsAsked() {
    Path loader = dir.resolve("maps_basic.bin");
    assertThat(Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o",
        loader.toString()).code()).isZero();
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust",
        TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString(), "--json");
    assertThat(r.out()).contains("\"keyring\" : \"builtin\"").doesNotContain("\"keyring\" : \"session\"");
  }

  @Test
  void secretSpec_malformed_isAUsageErrorNamingTheOption() {
    Cli.Result r = Cli.run("sign", "x.loader", "--key", "k.pem", "--cert", "c.pem", "--key-pass", "hunter2");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--key-pass").contains("env:VARIABLE or file:PATH").doesNotContain("hunter2")
        .hasLineCount(1);
  }

  @Test
  void kernelVersion_malformed_isAUsageError() {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o",
        dir.resolve("x.bin").toString(), "--kernel-version", "abc");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--kernel-version").contains("'abc'").hasLineCount(1);
    assertThat(dir.resolve("x.bin")).doesNotExist();
  }
}
