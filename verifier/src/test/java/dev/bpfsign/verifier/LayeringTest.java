package dev.bpfsign.verifier;

import dev.bpfsign.testdata.Layering;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/architecture.md: cli -> {signer, verifier, runtime} -> loader-core; runtime -> verifier. */
class LayeringTest {
  @Test
  void mainClasses_referenceOnlyAllowedModules() {
    Layering.assertReferencesOnly(Path.of("target/classes"), Set.of("verifier","loader"));
  }
}
