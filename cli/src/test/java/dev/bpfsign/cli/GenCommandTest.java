package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenCommandTest {
  @TempDir Path dir;

  @Test
  void gen_fixture_writesSignableLoaderWithBpftoolBytes() throws Exception {
    Path out = dir.resolve("loader.bin");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", out.toString(), "--name", Fixtures.MAPS_BASIC);

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    LoaderBundle file = LoaderFileFormat.readBundle(Files.readAllBytes(out), out.toString());
    assertThat(file.schemes()).containsExactly(Scheme.LINUX_6_18, Scheme.LINUX_7_3);
    LoaderFile v73 = file.variant(Scheme.LINUX_7_3).orElseThrow();
    assertThat(v73.mode()).isEqualTo(Mode.SIGNABLE);
    assertThat(v73.insns().toArray()).isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.INSNS));
    assertThat(v73.data().toArray()).isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.DATA));
    LoaderFile loader = file.variant(Scheme.LINUX_6_18).orElseThrow();
    assertThat(loader.mode()).isEqualTo(Mode.SIGNABLE);
    assertThat(loader.name()).isEqualTo(Fixtures.MAPS_BASIC);
    assertThat(Arrays.equals(loader.insns().toArray(), Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS))).isTrue();
    assertThat(Arrays.equals(loader.data().toArray(), Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.DATA))).isTrue();
    assertThat(loader.ctx().maps()).containsExactly(
        "counts", "percpu_totals", "percpu_counts", "last_events", "recent", "events", "perf_events", "jump_table");
    assertThat(loader.ctx().programs()).containsExactly("count_getpid", "count_sys_exit");
  }

  @Test
  void gen_plainWithDefaultName_namesInternalMapsAfterFile() throws Exception {
    Path out = dir.resolve("loader.bin");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.GLOBAL_DATA).toString(), "-o", out.toString(), "--plain",
        "--scheme", "7.3");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    LoaderFile loader = LoaderFileFormat.read(Files.readAllBytes(out), out.toString());
    assertThat(loader.scheme()).isEqualTo(Scheme.LINUX_7_3);
    assertThat(loader.mode()).isEqualTo(Mode.PLAIN);
    // bpftool's default name for global_data.bpf.o is global_data_bpf; internal maps keep 8 characters
    assertThat(loader.name()).isEqualTo("global_data_bpf");
    assertThat(Arrays.equals(loader.data().toArray(), Fixtures.golden(Fixtures.GLOBAL_DATA, Fixtures.PLAIN, Fixtures.DATA))).isTrue();
    assertThat(loader.ctx().maps()).contains("data", "rodata", "bss", "data_custom");
  }

  @Test
  void gen_progArrayInitialisedFromElf_exits3NamingTheMapAndWritesNothing() {
    Path out = dir.resolve("loader.bin");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.UNSUPPORTED_PROG_ARRAY_INIT).toString(), "-o", out.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("map 'jmp_table'").contains("prog-array slot 0");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void gen_truncatedObject_exits3AndKeepsExistingOutput() throws Exception {
    Path obj = dir.resolve("trunc.o");
    Files.write(obj, Arrays.copyOf(Fixtures.object(Fixtures.SUBPROGS), 200));
    Path out = dir.resolve("loader.bin");
    Files.writeString(out, "old");

    Cli.Result r = Cli.run("gen", obj.toString(), "-o", out.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + obj + ": ").doesNotContain("Exception");
    assertThat(Files.readString(out)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("trunc.o", "loader.bin");
    }
  }

  @Test
  void gen_kconfigWithoutKernelVersion_exits3NamingTheExtern() {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o", dir.resolve("l.bin").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("LINUX_KERNEL_VERSION");
  }

  @Test
  void gen_kconfigWithInputs_matchesGolden() throws Exception {
    Path kconfig = dir.resolve("config");
    Files.write(kconfig, List.of("CONFIG_HZ=250", "CONFIG_BPF_SYSCALL=y", "CONFIG_NET_CLS_BPF=y", "CONFIG_DEFAULT_HOSTNAME=\"(none)\""));
    Path out = dir.resolve("l.bin");

    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o", out.toString(), "--name", "kconfig",
        "--kconfig", kconfig.toString(), "--kernel-version", "6.18.44", "--scheme", "6.18");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    LoaderFile loader = LoaderFileFormat.read(Files.readAllBytes(out), out.toString());
    assertThat(Arrays.equals(loader.data().toArray(), Fixtures.golden(Fixtures.KCONFIG, Fixtures.SIGNED, Fixtures.DATA))).isTrue();
  }

  @Test
  void gen_scheme2026_isTheAliasOf73() throws Exception {
    Path out = dir.resolve("l.bin");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.TAILCALLS).toString(), "-o", out.toString(),
        "--name", Fixtures.TAILCALLS, "--scheme", "2026");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("variant 7.3 (293 instructions)");
    LoaderFile loader = LoaderFileFormat.read(Files.readAllBytes(out), out.toString());
    assertThat(loader.insns().toArray()).isEqualTo(Fixtures.golden(Fixtures.TAILCALLS, Fixtures.SIGNED_7_3, Fixtures.INSNS));
  }

  @Test
  void gen_unknownScheme_isUsageErrorAndWritesNothing() {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", dir.resolve("l.bin").toString(),
        "--scheme", "7.2");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--scheme must be 6.18 or 7.3");
    assertThat(dir.resolve("l.bin")).doesNotExist();
  }

  @Test
  void gen_nonPositiveCpuCount_isUsageError() {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", dir.resolve("l.bin").toString(),
        "--possible-cpus", "0");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(dir.resolve("l.bin")).doesNotExist();
  }
}
