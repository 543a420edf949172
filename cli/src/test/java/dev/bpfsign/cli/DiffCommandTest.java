package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code bpfsign diff} over bpftool goldens. */
class DiffCommandTest {
  @TempDir Path dir;

  Path loader(String fixture) throws Exception {
    Path p = dir.resolve(fixture + ".bin");
    Files.write(p, LoaderFileFormat.write(VerifyCommandTest.golden(fixture)));
    return p;
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "diff";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = Cli.run(all);
    return new Run(r.code(), r.out(), r.err());
  }

  @Test
  void diff_sameLoader_noChangesExit0() throws Exception {
    Path a = loader(Fixtures.MAPS_BASIC);

    Run r = run(a.toString(), a.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("no changes");
  }

  @Test
  void diff_differentLoaders_listsChangesExit1() throws Exception {
    Run r = run(loader(Fixtures.TAILCALLS).toString(), loader(Fixtures.MAPS_BASIC).toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("+ program count_getpid: program.added").contains("  program entry: program.removed");
  }

  @Test
  void diff_json_hasSchemaAndChanges() throws Exception {
    Run r = run(loader(Fixtures.TAILCALLS).toString(), loader(Fixtures.MAPS_BASIC).toString(), "--json");

    JsonNode j = dev.bpfsign.cli.json.Json.mapper().readTree(r.out());
    assertThat(j.get("schema").stringValue()).isEqualTo("bpfsign.diff/v2");
    assertThat(j.get("changes").size()).isPositive();
    assertThat(j.get("widening").intValue()).isPositive();
  }

  @Test
  void diff_garbageFile_exit3() throws Exception {
    Path g = dir.resolve("g.bin");
    Files.writeString(g, "garbage");

    assertThat(run(g.toString(), loader(Fixtures.MAPS_BASIC).toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
