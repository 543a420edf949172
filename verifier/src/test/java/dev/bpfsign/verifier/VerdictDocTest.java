package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/verdict.md lists every finding code with its severity, and no code that does not exist. */
class VerdictDocTest {
  static List<String> rows() throws Exception {
    return Files.readAllLines(Path.of("../docs/verdict.md")).stream().filter(l -> l.startsWith("| `")).toList();
  }

  @Test
  void verdictDoc_listsEveryCodeWithItsSeverity() throws Exception {
    List<String> rows = rows();
    for (FindingCode c : FindingCode.values()) {
      assertThat(rows).as(c.name()).anyMatch(r -> r.startsWith("| `" + c.name() + "` | " + c.severity().name()));
    }
  }

  @Test
  void verdictDoc_marksExactlyThePolicyCodes() throws Exception {
    List<String> rows = rows();
    for (FindingCode c : FindingCode.values()) {
      String row = rows.stream().filter(r -> r.startsWith("| `" + c.name() + "` |")).findFirst().orElseThrow();
      assertThat(row.contains("(P)")).as(c.name()).isEqualTo(c.isPolicy());
    }
  }
}
