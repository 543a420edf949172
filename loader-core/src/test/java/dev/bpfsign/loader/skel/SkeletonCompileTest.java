package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated headers compile against libbpf's skel_internal.h, with every function used. */
class SkeletonCompileTest {
  @TempDir Path dir;

  static List<String> fixtures() {
    return Fixtures.names();
  }

  private Path program(String fixture, String mode) throws Exception {
    LoaderFile loader = LightSkeletonReader.readLoader(Files.readAllBytes(Fixtures.header(fixture, mode)), fixture);
    byte[] header = SkeletonWriter.write(SkeletonModels.of(loader, loader.name(), SkeletonGoldenTest.rawTracepoints(fixture)));
    Files.write(dir.resolve(fixture + ".lskel.h"), header);
    // a user of a light skeleton includes errno.h and (for .kconfig's enum libbpf_tristate) libbpf.h
    String n = loader.name();
    Path c = dir.resolve(fixture + "_" + mode + ".c");
    Files.writeString(c, """
        #include <errno.h>
        #include <bpf/libbpf.h>
        #include "%1$s.lskel.h"

        int main(void)
        {
        	struct %1$s *skel = %1$s__open();
        	int err;

        	if (!skel)
        		return 1;
        	err = %1$s__load(skel) ?: %1$s__attach(skel);
        	%1$s__detach(skel);
        	%1$s__destroy(skel);
        	skel = %1$s__open_and_load();
        	%1$s__destroy(skel);
        	return err ? 1 : 0;
        }
        """.formatted(n, fixture));
    return c;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void plainSkel_compilesAgainstSystemLibbpf(String fixture) throws Exception {
    CCompiler.requireGccAndSystemLibbpf();
    CCompiler.compile(program(fixture, Fixtures.PLAIN), List.of("-I" + dir));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void signedSkel_compilesAgainstLibbpfWithSigning(String fixture) throws Exception {
    CCompiler.requireGccAndSystemLibbpf();
    Optional<List<String>> includes = CCompiler.signingIncludes();
    if (includes.isEmpty()) {
      String msg = "SKIPPED LOUDLY: signed skeletons need libbpf >= 1.7's skel_internal.h; the system's is older"
          + " (Debian 12 ships 1.1) and " + CCompiler.SIGNING_INCLUDE_ENV + " is not set";
      if (CCompiler.required()) {
        org.junit.jupiter.api.Assertions.fail(msg + " (and " + CCompiler.REQUIRE_ENV + "=1: .ci/run provides them)");
      }
      System.err.println(msg);
      Assumptions.abort(msg);
    }
    List<String> args = new java.util.ArrayList<>(includes.get());
    args.add("-I" + dir);
    CCompiler.compile(program(fixture, Fixtures.SIGNED), args);
  }
}
