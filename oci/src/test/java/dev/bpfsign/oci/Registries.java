package dev.bpfsign.oci;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.oci.http.Access;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Shared set-up of the registry tests: the real registry (or a loud skip), access, a loader with signatures. */
final class Registries {
  private Registries() {}

  static TestRegistry startOrSkip(Path dir) throws Exception {
    requireToolsOrSkip();
    return TestRegistry.start(dir);
  }

  /** A loud skip where docker-registry, htpasswd or openssl is missing; a failure when CI requires them. */
  static void requireToolsOrSkip() {
    Optional<String> missing = TestRegistry.missingTools();
    if (missing.isPresent()) {
      String why = "SKIPPED registry test: " + missing.get();
      System.err.println("*** " + why);
      if (TestRegistry.required()) {
        fail(why + " (" + TestRegistry.REQUIRE_ENV + "=1 or BPFSIGN_REQUIRE_KERNEL=1)");
      }
      Assumptions.abort(why);
    }
  }

  static Access access(TestRegistry r) {
    return new Access(Optional.of(r.caPem()), false, Optional.of("env:REG_AUTH"),
        Map.of("REG_AUTH", TestRegistry.USER + ":" + TestRegistry.PASSWORD, "HOME", "/nonexistent"));
  }

  static Access access(TestRegistry r, String password) {
    return new Access(Optional.of(r.caPem()), false, Optional.of("env:REG_AUTH"),
        Map.of("REG_AUTH", TestRegistry.USER + ":" + password, "HOME", "/nonexistent"));
  }

  /** The signable loader of a fixture object for one kernel generation (variant). */
  static LoaderFile loader(String fixture, Scheme scheme) throws Exception {
    String file = fixture + ".bpf.o";
    return LoaderGenerator.loaderFile(ObjectReader.read(file, Fixtures.object(fixture),
        GenInputs.named(GenInputs.objectNameFor(file))), Mode.SIGNABLE, scheme, file);
  }

  /** The signable loader of a fixture object. */
  static LoaderFile loader(String fixture) throws Exception {
    String file = fixture + ".bpf.o";
    return LoaderGenerator.loaderFile(
        ObjectReader.read(file, Fixtures.object(fixture), GenInputs.named(GenInputs.objectNameFor(file))), Mode.SIGNABLE);
  }

  /**
   * A signature block holding bpftool's reference CMS for the fixture (this module moves
   * signatures, it never checks them; the cli tests sign and verify for real).
   */
  static SignatureBlock signature(String fixture, Scheme scheme) {
    return new SignatureBlock(scheme, Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.SIG)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.EXCL_HASH)));
  }
}
