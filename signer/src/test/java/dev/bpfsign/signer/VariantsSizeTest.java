package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.testdata.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size the second variant adds to a signed loader file, per fixture: exactly one variant
 * record (6-byte record header, 8 bytes of scheme, mode, reserved and size, the 7.3 instructions)
 * and one signature block; the data blob, names and header are shared. Prints the table
 * docs/generator.md quotes ("Both variants").
 */
class VariantsSizeTest {
  @Test
  void dualFile_isTheSingleFilePlusOneVariantRecordAndOneSignature() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String fixture : Fixtures.names()) {
      if (fixture.equals(Fixtures.KCONFIG)) {
        continue; // needs the target's Kconfig and version; its sizes say nothing new
      }
      LoaderBundle dual = KernelCases.dualArtefact(fixture);
      LoaderFile v618 = dual.variant(Scheme.LINUX_6_18).orElseThrow();
      LoaderFile v73 = dual.variant(Scheme.LINUX_7_3).orElseThrow();
      int one = LoaderFileFormat.write(v618).length;
      int both = LoaderFileFormat.write(dual).length;
      int block73 = LoaderFileFormat.write(v73).length - LoaderFileFormat.write(v73.withoutSignatures()).length;
      assertThat(both - one).as(fixture).isEqualTo(6 + 8 + v73.insns().length() + block73);
      rows.add(String.format("| `%s` | %d | %d | %d | %+.1f %% |", fixture, v618.data().length(), one, both,
          100.0 * (both - one) / one));
    }
    System.out.println("| fixture | data blob | one variant, signed | both variants, signed | growth |\n"
        + "|---|---:|---:|---:|---:|\n" + String.join("\n", rows));
  }
}
