package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportCommandTest {
  @TempDir Path dir;

  @Test
  void importThenExport_signedGolden_givesTheRawSplits() throws Exception {
    Path header = dir.resolve("maps_basic.lskel.h");
    Files.write(header, SampleHeaders.require("maps_basic/signed.lskel.h"));
    Path loader = dir.resolve("loader.bin");

    Cli.Result imp = Cli.run("import", header.toString(), "-o", loader.toString());
    assertThat(imp.code()).as(imp.err()).isZero();
    assertThat(imp.out()).contains("maps_basic, 6.18 variant (signable").contains("1 signature");

    Cli.Result exp = Cli.run("export", loader.toString(), "--insns", dir.resolve("i").toString(),
        "--data", dir.resolve("d").toString(), "--signature", dir.resolve("s").toString());
    assertThat(exp.code()).as(exp.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("i"))).isEqualTo(SampleHeaders.require("maps_basic/signed/insns.bin"));
    assertThat(Files.readAllBytes(dir.resolve("d"))).isEqualTo(SampleHeaders.require("maps_basic/signed/data.bin"));
    assertThat(Files.readAllBytes(dir.resolve("s"))).isEqualTo(SampleHeaders.require("maps_basic/signed/sig.bin"));
  }

  @Test
  void import_missingFile_exits3WithOneLine() {
    Cli.Result r = Cli.run("import", dir.resolve("nope.h").toString(), "-o", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + dir.resolve("nope.h") + ": no such file" + System.lineSeparator());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void import_truncatedHeader_exits3AndWritesNothing() throws Exception {
    byte[] whole = SampleHeaders.require("global_data/plain.lskel.h");
    String text = new String(whole, java.nio.charset.StandardCharsets.ISO_8859_1);
    int cut = text.indexOf("opts_insn[]") + 200; // inside the instructions literal
    Path header = dir.resolve("cut.lskel.h");
    Files.write(header, java.util.Arrays.copyOf(whole, cut));
    Cli.Result r = Cli.run("import", header.toString(), "-o", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + header + ":").contains("unterminated string literal")
        .hasLineCount(1);
    assertThat(dir.resolve("out")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(header); // no temporary file left behind either
    }
  }

  @Test
  void import_notALightSkeleton_exits3() throws Exception {
    Path header = dir.resolve("x.h");
    Files.writeString(header, "int main(void) { return 0; }\n");
    Cli.Result r = Cli.run("import", header.toString(), "-o", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("not a light skeleton");
  }

  @Test
  void export_garbageLoader_exits3WritesNothing() throws Exception {
    Path loader = dir.resolve("l.bin");
    Files.writeString(loader, "garbage");
    Cli.Result r = Cli.run("export", loader.toString(), "--insns", dir.resolve("i").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + loader + ": not a bpfsign loader file (no BPFSLOAD magic at offset 0)"
        + System.lineSeparator());
    assertThat(dir.resolve("i")).doesNotExist();
  }

  @Test
  void export_signatureOfUnsignedLoader_exits3WritesNothing() throws Exception {
    Path header = dir.resolve("p.lskel.h");
    Files.write(header, SampleHeaders.require("maps_basic/plain.lskel.h"));
    Path loader = dir.resolve("l.bin");
    assertThat(Cli.run("import", header.toString(), "-o", loader.toString()).code()).isZero();
    Cli.Result r = Cli.run("export", loader.toString(), "--insns", dir.resolve("i").toString(),
        "--signature", dir.resolve("s").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("has no signature");
    assertThat(dir.resolve("i")).doesNotExist();
    assertThat(dir.resolve("s")).doesNotExist();
  }

  @Test
  void export_signatureIndexOutOfRange_exits3() throws Exception {
    Path header = dir.resolve("s.lskel.h");
    Files.write(header, SampleHeaders.require("maps_basic/signed.lskel.h"));
    Path loader = dir.resolve("l.bin");
    assertThat(Cli.run("import", header.toString(), "-o", loader.toString()).code()).isZero();
    Cli.Result r = Cli.run("export", loader.toString(), "--signature", dir.resolve("s").toString(),
        "--signature-index", "1");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("has 1 signature, so no index 1");
  }

  @Test
  void export_noOutputs_isAUsageError() throws Exception {
    Cli.Result r = Cli.run("export", dir.resolve("l.bin").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
  }
}
