package dev.bpfsign.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeringTest {
  private static final Path CLASSES = Path.of("target/classes");

  @Test
  void referencedPackages_findsOwnPackage() {
    assertThat(Layering.referencedPackages(CLASSES)).contains("testdata");
  }

  @Test
  void assertReferencesOnly_withPackageNotAllowed_fails() {
    assertThatThrownBy(() -> Layering.assertReferencesOnly(CLASSES, Set.of("loader")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[testdata]");
  }

  @Test
  void testdata_dependsOnNoProductModule() {
    Layering.assertReferencesOnly(CLASSES, Set.of("testdata"));
  }
}
