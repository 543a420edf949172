package dev.bpfsign.runtime.enforce;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * bpfsign's own BPF LSM program: the object compiled from runtime/src/main/bpf/enforce.bpf.c
 * (checked in, rebuilt by build.sh there) and shipped inside this jar. It reaches the kernel
 * like any other BPF: as a loader generated from the object, signed, admitted and loaded.
 */
public final class EnforceProgram {
  /** The object's name, as {@code bpftool gen skeleton … name enforce} would give it. */
  public static final String NAME = "enforce";
  public static final String HOST_PROGRAM = "enforce_host";
  public static final String CGROUP_PROGRAM = "enforce_cgroup";
  public static final String POLICY_MAP = "policy";
  public static final String COUNTERS_MAP = "counters";
  public static final String EVENTS_MAP = "events";
  public static final int COUNTERS = 8;

  private static final String RESOURCE = "enforce.bpf.o";

  private EnforceProgram() {}

  /** The object's bytes. */
  public static byte[] object() {
    try (InputStream in = EnforceProgram.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("enforce.bpf.o is missing from the runtime jar (a build bug)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The signable loader of the object, generated as {@code bpfsign gen} would (deterministic). */
  public static LoaderFile loader() {
    try {
      return LoaderGenerator.loaderFile(ObjectReader.read(NAME + ".bpf.o", object(), GenInputs.named(NAME)),
          Mode.SIGNABLE);
    } catch (BadInputException e) {
      throw new IllegalStateException("bpfsign cannot generate the loader of its own enforce program", e);
    }
  }

  /** Whether {@code file} is this program's loader: the same instructions, data and ctx layout. */
  public static boolean isLoader(LoaderFile file) {
    LoaderFile own = loader();
    return own.insns().equals(file.insns()) && own.data().equals(file.data()) && own.ctx().equals(file.ctx());
  }
}
