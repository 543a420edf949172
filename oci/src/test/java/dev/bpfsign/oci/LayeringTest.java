package dev.bpfsign.oci;

import dev.bpfsign.testdata.Layering;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/architecture.md: oci -> loader-core only; Jackson only in dev.bpfsign.oci.json. */
class LayeringTest {
  @Test
  void mainClasses_referenceOnlyAllowedModules() {
    Layering.assertReferencesOnly(Path.of("target/classes"), Set.of("oci", "loader"));
  }

  @Test
  void jackson_onlyInTheJsonPackage() {
    Layering.assertLibraryOnlyIn(Path.of("target/classes"), "tools/jackson/", "dev/bpfsign/oci/json/");
  }
}
