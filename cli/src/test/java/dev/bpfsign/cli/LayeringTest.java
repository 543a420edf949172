package dev.bpfsign.cli;

import dev.bpfsign.testdata.Layering;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/architecture.md: cli -> {signer, verifier, runtime, oci} -> loader-core; runtime -> verifier. */
class LayeringTest {
  @Test
  void mainClasses_referenceOnlyAllowedModules() {
    Layering.assertReferencesOnly(Path.of("target/classes"), Set.of("cli","signer","verifier","runtime","oci","loader"));
  }

  @Test
  void jackson_onlyInTheJsonPackage() {
    Layering.assertLibraryOnlyIn(Path.of("target/classes"), "tools/jackson/", "dev/bpfsign/cli/json/");
  }
}
