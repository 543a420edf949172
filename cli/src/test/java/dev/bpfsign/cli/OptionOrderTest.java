package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options go anywhere: every command that takes positionals is run with its options after
 * them, before them, and (for two or more positionals) between them, and must do the same
 * thing each time — same exit code, same output, same files. List options take one value per
 * occurrence (repeat them, or separate values with commas), so they never swallow a positional.
 * ({@code doctor}, {@code demo}, {@code enforce} and {@code target capture} take no positionals.)
 */
class OptionOrderTest {
  @TempDir Path dir;
  private Path loader;
  private Path chainLoader;
  private Path unsigned;

  private static String key(String name) {
    return TestKeys.path(name + ".key.pem").toString();
  }

  private static String cert(String name) {
    return TestKeys.path(name + ".cert.pem").toString();
  }

  @BeforeEach
  void setUp() throws Exception {
    loader = dir.resolve("maps_basic.loader");
    assertThat(Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o",
        loader.toString()).code()).isZero();
    // signed only by the code-signing leaf, whose chain goes through the intermediate CA to the root
    unsigned = dir.resolve("unsigned.loader");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", unsigned.toString()).code())
        .isZero();
    chainLoader = dir.resolve("chain.loader");
    Cli.Result signed = Cli.run("sign", unsigned.toString(), "-o", chainLoader.toString(), "--key",
        key(TestKeys.CODESIGN_LEAF), "--cert", cert(TestKeys.CODESIGN_LEAF));
    assertThat(signed.code()).as(signed.err()).isZero();
  }

  /** One command: its positionals, its options, the outputs it writes and the exit code it must give. */
  private record Case(String command, List<String> positionals, List<String> options, List<Path> outputs, int code) {}

  private List<Case> cases() {
    Path out = dir.resolve("out");
    Path out2 = dir.resolve("out2");
    return List.of(
        new Case("gen", List.of(Fixtures.objectPath(Fixtures.MAPS_BASIC).toString()),
            List.of("-o", out.toString(), "--name", "renamed", "--possible-cpus", "4"), List.of(out), 0),
        new Case("sign", List.of(loader.toString()),
            // RSA: a deterministic signature, so two runs write the same bytes
            List.of("--key", key(TestKeys.SIGNER_RSA4096), "--cert", cert(TestKeys.SIGNER_RSA4096), "-o", out.toString(),
                "--scheme", "6.18"), List.of(out), 0),
        new Case("verify", List.of(chainLoader.toString()),
            List.of("--trust", cert(TestKeys.SIGNER_RSA2048) + "," + cert(TestKeys.ROOT_CA), "--cert",
                cert(TestKeys.INTERMEDIATE_CA), "--cert", cert(TestKeys.CODESIGN_LEAF), "--crl", TestKeys.path(TestKeys.INTERMEDIATE_CRL).toString(), "--at",
                "2027-01-01"), List.of(), 0),
        // a loader and its signed copy: one change, a signature (exit 1: not the same)
        new Case("diff", List.of(unsigned.toString(), chainLoader.toString()), List.of("--json", "--scheme", "6.18"),
            List.of(), 1),
        new Case("import", List.of(Fixtures.header(Fixtures.GLOBAL_DATA, Fixtures.PLAIN).toString()),
            List.of("-o", out.toString()), List.of(out), 0),
        new Case("export", List.of(loader.toString()),
            List.of("--insns", out.toString(), "--signature", out2.toString(), "--signature-index", "0"),
            List.of(out, out2), 0),
        new Case("inspect", List.of(loader.toString()), List.of("--json", "--disasm"), List.of(), 0),
        new Case("skel", List.of(loader.toString()), List.of("-o", out.toString(), "--name", "other"), List.of(out), 0),
        new Case("gen", List.of(Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(),
            Fixtures.objectPath(Fixtures.GLOBAL_DATA).toString()), List.of("-d", dir.resolve("gen-d").toString()),
            List.of(), 0),
        // a certificate that is not there: refused before any keyring is touched, after CERT was taken
        new Case("keyring add", List.of(dir.resolve("missing.pem").toString()), List.of("--keyring", "session"),
            List.of(), ExitCodes.BAD_INPUT),
        // a registry that is not there (a closed loopback port): the network error shows both positionals were taken
        new Case("push", List.of(loader.toString(), "oci://127.0.0.1:1/bpfsign/test:v1"),
            List.of("--insecure", "--cache", dir.resolve("cache").toString()), List.of(), ExitCodes.NETWORK),
        new Case("pull", List.of("oci://127.0.0.1:1/bpfsign/test:v1"),
            List.of("--insecure", "-o", out.toString(), "--cache", dir.resolve("cache").toString()), List.of(),
            ExitCodes.NETWORK),
        // not admitted (an untrusted signer) before any kernel is needed: the loader was found
        new Case("load", List.of(loader.toString()),
            List.of("--trust", cert(TestKeys.SIGNER_RSA2048), "--cert", cert(TestKeys.INTERMEDIATE_CA)), List.of(),
            ExitCodes.NOT_ADMITTED));
  }

  private record Outcome(int code, String out, String err, Map<Path, byte[]> files) {}

  private static Outcome run(Case c, List<String> args) throws Exception {
    for (Path p : c.outputs()) {
      Files.deleteIfExists(p);
    }
    List<String> all = new ArrayList<>(List.of(c.command().split(" ")));
    all.addAll(args);
    Cli.Result r = Cli.run(all.toArray(String[]::new));
    Map<Path, byte[]> files = new HashMap<>();
    for (Path p : c.outputs()) {
      files.put(p, Files.exists(p) ? Files.readAllBytes(p) : null);
    }
    return new Outcome(r.code(), r.out(), r.err(), files);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void everyCommand_optionsBeforeBetweenAndAfterPositionals_doTheSame() throws Exception {
    for (Case c : cases()) {
      Outcome after = run(c, concat(c.positionals(), c.options()));
      assertThat(after.code()).as("%s, options after: %s%s", c.command(), after.out(), after.err()).isEqualTo(c.code());
      for (Path p : c.outputs()) {
        assertThat(after.files().get(p)).as("%s writes %s", c.command(), p).isNotNull();
      }
      List<List<String>> orders = new ArrayList<>();
      orders.add(concat(c.options(), c.positionals()));
      if (c.positionals().size() > 1) {
        List<String> between = new ArrayList<>(c.positionals().subList(0, 1));
        between.addAll(c.options());
        between.addAll(c.positionals().subList(1, c.positionals().size()));
        orders.add(between);
      }
      for (List<String> order : orders) {
        Outcome other = run(c, order);
        assertThat(other.code()).as("%s %s: %s", c.command(), order, other.err()).isEqualTo(c.code());
        assertThat(other.out()).as("%s %s", c.command(), order).isEqualTo(after.out());
        assertThat(other.err()).as("%s %s", c.command(), order).isEqualTo(after.err());
        for (Path p : c.outputs()) {
          assertThat(other.files().get(p)).as("%s %s: %s", c.command(), order, p).isEqualTo(after.files().get(p));
        }
      }
    }
  }

  @Test
  void verify_trustFirst_doesNotSwallowTheLoader() {
    Cli.Result r = Cli.run("verify", "--trust", cert(TestKeys.SIGNER_RSA3072), loader.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void listOptions_repeatedOrCommaSeparated_areTheSame() {
    Cli.Result repeated = Cli.run("verify", chainLoader.toString(), "--trust", cert(TestKeys.SIGNER_RSA2048),
        "--trust", cert(TestKeys.ROOT_CA), "--cert", cert(TestKeys.INTERMEDIATE_CA), "--cert",
        cert(TestKeys.CODESIGN_LEAF), "--at", "2027-01-01");
    Cli.Result commas = Cli.run("verify", chainLoader.toString(), "--trust",
        cert(TestKeys.SIGNER_RSA2048) + "," + cert(TestKeys.ROOT_CA), "--cert",
        cert(TestKeys.INTERMEDIATE_CA) + "," + cert(TestKeys.CODESIGN_LEAF), "--at", "2027-01-01");
    assertThat(repeated.code()).as(repeated.out() + repeated.err()).isZero();
    assertThat(commas.out()).isEqualTo(repeated.out());
    // with only the first trust anchor the chain does not reach a trusted root: the second one counted
    Cli.Result first = Cli.run("verify", chainLoader.toString(), "--trust", cert(TestKeys.SIGNER_RSA2048), "--cert",
        cert(TestKeys.INTERMEDIATE_CA) + "," + cert(TestKeys.CODESIGN_LEAF), "--at", "2027-01-01");
    assertThat(first.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
  }

  @Test
  void sign_optionsBetweenSeveralLoaders_signsThemAll() throws Exception {
    Path a = Files.copy(loader, dir.resolve("a.loader"));
    Path b = Files.copy(loader, dir.resolve("b.loader"));
    Cli.Result r = Cli.run("sign", a.toString(), "--key", key(TestKeys.SIGNER_RSA2048), b.toString(), "--cert",
        cert(TestKeys.SIGNER_RSA2048));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("signed " + a).contains("signed " + b);
  }
}
