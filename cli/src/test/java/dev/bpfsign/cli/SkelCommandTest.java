package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkelCommandTest {
  @TempDir Path dir;

  private Path imported(String fixture, String mode) {
    Path loader = dir.resolve(fixture + "." + mode + ".bin");
    Cli.Result r = Cli.run("import", Fixtures.header(fixture, mode).toString(), "-o", loader.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return loader;
  }

  @Test
  void skel_signedGoldenWithRawTracepoint_isBpftoolsHeader() throws Exception {
    Path loader = imported(Fixtures.MAPS_BASIC, Fixtures.SIGNED);
    Path header = dir.resolve("out.lskel.h");
    Cli.Result r = Cli.run("skel", loader.toString(), "-o", header.toString(), "--raw-tracepoint", "count_sys_exit=sys_exit");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(header)).isEqualTo(Files.readAllBytes(Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED)));
  }

  @Test
  void skel_ofGenWithoutRawTracepointFlag_isBpftoolsPlainHeader() throws Exception {
    Path loader = dir.resolve("gen.bin");
    Cli.Result g = Cli.run("gen", Fixtures.objectPath(Fixtures.PROG_TYPES).toString(), "--plain", "--name", "prog_types", "-o", loader.toString());
    assertThat(g.code()).as(g.err()).isZero();
    Path header = dir.resolve("gen.lskel.h");
    Cli.Result r = Cli.run("skel", loader.toString(), "--scheme", "6.18", "-o", header.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(header, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("skel_raw_tracepoint_open(\"sched_process_exit\", prog_fd)")
        .isEqualTo(Files.readString(Fixtures.header(Fixtures.PROG_TYPES, Fixtures.PLAIN), java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void skel_toStdout_thenImport_roundTrips() throws Exception {
    Path loader = imported(Fixtures.GLOBAL_DATA, Fixtures.PLAIN);
    Cli.Result r = Cli.run("skel", loader.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(Fixtures.header(Fixtures.GLOBAL_DATA, Fixtures.PLAIN),
        java.nio.charset.StandardCharsets.ISO_8859_1));
    Path header = dir.resolve("h.lskel.h");
    Files.writeString(header, r.out(), java.nio.charset.StandardCharsets.ISO_8859_1);
    Path again = dir.resolve("again.bin");
    assertThat(Cli.run("import", header.toString(), "-o", again.toString()).code()).isZero();
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(loader));
  }

  @Test
  void skel_name_renamesTheSkeleton() {
    Path loader = imported(Fixtures.GLOBAL_DATA, Fixtures.PLAIN);
    Cli.Result r = Cli.run("skel", loader.toString(), "--name", "my_obj");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("struct my_obj {").contains("#define __MY_OBJ_SKEL_H__").doesNotContain("global_data__");
  }

  @Test
  void skel_badNameOrUnknownProgram_isAUsageError() {
    Path loader = imported(Fixtures.MAPS_BASIC, Fixtures.PLAIN);
    assertThat(Cli.run("skel", loader.toString(), "--name", "not-an-identifier").code()).isEqualTo(ExitCodes.USAGE);
    Cli.Result r = Cli.run("skel", loader.toString(), "--raw-tracepoint", "nope=sys_exit");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("program 'nope'");
  }

  @Test
  void skel_garbageLoader_exits3AndWritesNothing() throws Exception {
    Path loader = dir.resolve("g.bin");
    Files.writeString(loader, "BPFSLOAD garbage");
    Path header = dir.resolve("h");
    Cli.Result r = Cli.run("skel", loader.toString(), "-o", header.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + loader + ": offset ").hasLineCount(1);
    assertThat(header).doesNotExist();
  }
}
