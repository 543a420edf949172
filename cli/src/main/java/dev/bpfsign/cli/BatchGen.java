package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates many (object, target) pairs on a pool of threads. Each loader is a pure function of
 * its object and inputs, so the bytes do not depend on the thread count; results come back in
 * the order of the jobs, whatever order they finish in.
 */
final class BatchGen {
  /** Far above any real BPF object; keeps a wrong path (a disk image, say) from exhausting memory. */
  static final long MAX_OBJECT_SIZE = 512L << 20;

  /**
   * One object for one target, with a loader variant per scheme (both kernel generations unless
   * {@code --scheme} narrows it); {@code name} null means bpftool's default name for the file.
   */
  record Job(Path object, String name, GenOptions.Target target, List<Scheme> schemes) {
    Job(Path object, String name, GenOptions.Target target) {
      this(object, name, target, List.of(Scheme.values()));
    }

    String objectName() {
      String file = object.getFileName() == null ? object.toString() : object.getFileName().toString();
      return name != null ? name : GenInputs.objectNameFor(file);
    }
  }

  /** A generated loader file (its variants) with the counts the summary shows, or the one-line reason it failed. */
  record Result(Job job, LoaderBundle bundle, int maps, int programs, String error, int exitCode) {
    boolean ok() {
      return bundle != null;
    }

    /** The first variant (what single-loader summaries describe). */
    LoaderFile loader() {
      return bundle == null ? null : bundle.variants().getFirst();
    }
  }

  /** What to do to each generated loader file in the same worker (sign it, say); identity when generating only. */
  @FunctionalInterface
  interface Step {
    LoaderBundle apply(Job job, LoaderBundle loader) throws BadInputException;
  }

  private BatchGen() {}

  /**
   * Where each job's loader goes: {@code single} when given (one job), else {@code
   * DIR/NAME.loader}, or {@code DIR/TARGET/NAME.loader} with several targets. Two jobs with one
   * path are a usage error made by {@code usage}.
   */
  static List<Path> outputs(List<Job> jobs, Path dir, boolean perTarget,
      java.util.function.Function<String, RuntimeException> usage) {
    List<Path> out = new ArrayList<>();
    java.util.Set<Path> seen = new java.util.HashSet<>();
    for (Job j : jobs) {
      Path p = (perTarget ? dir.resolve(j.target().label()) : dir).resolve(j.objectName() + ".loader");
      if (!seen.add(p)) {
        throw usage.apply("two objects would both be written to " + p + " (same object name); rename one");
      }
      out.add(p);
    }
    return out;
  }

  static List<Result> run(List<Job> jobs, Mode mode, GenOptions.Overrides overrides, int threads) {
    return run(jobs, mode, overrides, threads, (job, loader) -> loader);
  }

  /** As {@link #run(List, Mode, GenOptions.Overrides, int)}, then {@code step} on each loader in its worker. */
  static List<Result> run(List<Job> jobs, Mode mode, GenOptions.Overrides overrides, int threads, Step step) {
    if (jobs.size() == 1 || threads == 1) {
      List<Result> out = new ArrayList<>();
      for (Job j : jobs) {
        out.add(one(j, mode, overrides, step));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Job j : jobs) {
        futures.add(pool.submit(() -> one(j, mode, overrides, step)));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static Result one(Job job, Mode mode, GenOptions.Overrides overrides) {
    return one(job, mode, overrides, (j, loader) -> loader);
  }

  private static Result one(Job job, Mode mode, GenOptions.Overrides overrides, Step step) {
    try {
      GenInputs inputs = overrides.apply(job.target().profile(), job.objectName());
      // messages name the object as the user gave it
      BpfObject obj = ObjectReader.read(job.object().toString(), InputFiles.read(job.object(), MAX_OBJECT_SIZE), inputs);
      // the target is recorded before any step, so a signing step writes the file it signed
      LoaderBundle generated = LoaderGenerator.bundle(obj, mode, job.schemes(), job.object().toString())
          .withTarget(overrides.record(job.target(), obj.inputsUsed()));
      LoaderBundle loader = step.apply(job, generated);
      return new Result(job, loader, obj.maps().size(), obj.programs().size(), null, ExitCodes.OK);
    } catch (BadInputException | IOException e) {
      return new Result(job, null, 0, 0, Failures.message(e), ExitCodes.BAD_INPUT);
    }
  }
}
