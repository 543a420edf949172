package dev.bpfsign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The AOT cache's training run (JEP 483/514): run with {@code -XX:AOTCacheOutput} so a cache
 * holds the classes, linked, that real commands need — not only picocli's help. It does the real
 * work of the commands on the bundled demo material (gen and sign, one object and a batch for a
 * target profile, verify, inspect, diff, load --dry-run, export, skel, import, text and JSON),
 * nothing that touches the kernel or the host. A step that fails makes the run fail: a cache
 * trained on error paths would be a slow cache.
 *
 * <p>A JVM maps its whole AOT cache at start, so a cache trained on every command makes each
 * command pay for every other's classes. The release therefore trains one cache per frequent
 * command on its text output ({@code --only verify --text-only}: JSON, printed or read as a
 * target profile, would add Jackson's classes to every run) and one on everything, for the other commands and for JSON. Those runs
 * read inputs that a separate process made ({@code --prepare DIR}, then {@code --inputs DIR}),
 * so a verify cache does not also hold the generator that made its sample.
 */
@Command(name = "aot-training", hidden = true, description = "Exercise the commands for an AOT cache.")
final class AotTrainingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--prepare", paramLabel = "DIR", description = "Only write the steps' inputs into DIR.")
  Path prepare;

  @Option(names = "--inputs", paramLabel = "DIR", description = "Read the inputs --prepare wrote into DIR.")
  Path inputs;

  @Option(names = "--only", paramLabel = "COMMAND", split = ",", description = "Run only these commands' steps.")
  List<String> only = new ArrayList<>();

  @Option(names = "--except", paramLabel = "COMMAND", split = ",", description = "Run every step but these commands'.")
  List<String> except = new ArrayList<>();

  @Option(names = "--text-only", description = "Skip the steps that print or read JSON (--json, --target profiles).")
  boolean textOnly;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (prepare != null) {
      Files.createDirectories(prepare);
      return report(err, run(preparation(new Inputs(prepare))));
    }
    Path work = Files.createTempDirectory("bpfsign-aot-training-");
    try {
      List<String> failed = new ArrayList<>();
      Inputs in = new Inputs(inputs == null ? work.resolve("in") : inputs);
      if (inputs == null) {
        Files.createDirectories(in.dir);
        failed.addAll(run(preparation(in)));
      }
      Path out = Files.createDirectories(work.resolve("out"));
      failed.addAll(run(steps(in, out).stream().filter(this::chosen).toList()));
      return report(err, failed);
    } finally {
      DemoCommand.deleteTree(work);
    }
  }

  private boolean chosen(String[] step) {
    String command = step[0].startsWith("-") ? "" : step[0];
    return (only.isEmpty() || only.contains(command)) && !except.contains(command)
        && !(textOnly && (List.of(step).contains("--json") || List.of(step).contains("--target")));
  }

  private static List<String> run(List<String[]> steps) {
    List<String> failed = new ArrayList<>();
    for (String[] step : steps) {
      StringWriter log = new StringWriter();
      PrintWriter sink = new PrintWriter(log);
      int code = BpfSign.run(sink, sink, step);
      if (code != expectedExit(step)) {
        failed.add(String.join(" ", step) + " → exit " + code + ": " + log.toString().strip());
      }
    }
    return failed;
  }

  private static int report(PrintWriter err, List<String> failed) {
    for (String f : failed) {
      err.println("bpfsign aot-training: step failed: " + f);
    }
    return failed.isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
  }

  /**
   * The usage-error step is there to train the usage-error path; diff compares a plain loader
   * with a signed one, which differ (exit 1); every other step succeeds.
   */
  private static int expectedExit(String[] step) {
    return switch (step[0]) {
      case "--no-such-option" -> ExitCodes.USAGE;
      case "diff" -> 1;
      default -> ExitCodes.OK;
    };
  }

  /** The files the steps read, in one directory. */
  private record Inputs(Path dir) {
    String object() { return file(DemoCommand.OBJECT); }
    String key() { return file("demo-signer.key.pem"); }
    String cert() { return file("demo-signer.cert.pem"); }
    String unsigned() { return file("unsigned.bin"); }
    String plain() { return file("plain.bin"); }
    String signed() { return file("signed.bin"); }
    String header() { return file("signed.lskel.h"); }
    String target() { return file("target.json"); }

    String file(String name) {
      return dir.resolve(name).toString();
    }
  }

  /** Writes the inputs: the demo material, and loaders and a header made from it. */
  private static List<String[]> preparation(Inputs in) throws IOException {
    for (String name : List.of(DemoCommand.OBJECT, "demo-signer.key.pem", "demo-signer.cert.pem")) {
      DemoCommand.extract(in.dir, name);
    }
    // a written profile rather than 'target capture': training reads nothing from the host
    Files.writeString(Path.of(in.target()),
        "{\"schema\": \"bpfsign.target/v1\", \"kernel_release\": \"6.18.0\", \"possible_cpus\": 2}\n");
    return List.of(
        new String[] {"gen", in.object(), "-o", in.unsigned()},
        new String[] {"gen", in.object(), "-o", in.plain(), "--plain"},
        new String[] {"sign", in.unsigned(), "--key", in.key(), "--cert", in.cert(), "-o", in.signed()},
        new String[] {"skel", in.signed(), "-o", in.header(), "--scheme", "7.3"});
  }

  /** Every step; each writes only under {@code out}. */
  private static List<String[]> steps(Inputs in, Path out) {
    String o = out.toString();
    return List.of(
        new String[] {"--version"},
        new String[] {"--help"},
        new String[] {"--no-such-option"},
        new String[] {"gen", in.object(), "-o", o + "/gen.bin"},
        new String[] {"gen", in.object(), "-o", o + "/plain.bin", "--plain"},
        new String[] {"gen", in.object(), "-d", o + "/batch", "--target", in.target(), "--json"},
        new String[] {"gen", "--help"},
        new String[] {"sign", in.unsigned(), "--key", in.key(), "--cert", in.cert(), "-o", o + "/signed.bin"},
        new String[] {"sign", in.object(), "--key", in.key(), "--cert", in.cert(), "-o", o + "/signed-copy.bin", "--json"},
        new String[] {"sign", in.signed(), "--key", in.key(), "--cert", in.cert(), "--detached", o + "/signed.p7s",
            "--scheme", "7.3"},
        new String[] {"sign", in.object(), "-d", o + "/signed-batch", "--target", in.target(), "--key", in.key(),
            "--cert", in.cert()},
        new String[] {"verify", in.signed(), "--trust", in.cert()},
        new String[] {"verify", in.signed(), "--trust", in.cert(), "--json"},
        new String[] {"inspect", in.signed()},
        new String[] {"inspect", in.signed(), "--json", "--disasm"},
        new String[] {"diff", in.plain(), in.signed()},
        new String[] {"diff", in.plain(), in.signed(), "--json", "--scheme", "6.18"},
        new String[] {"load", in.signed(), "--trust", in.cert(), "--dry-run"},
        new String[] {"load", in.signed(), "--trust", in.cert(), "--dry-run", "--json"},
        new String[] {"export", in.signed(), "--insns", o + "/insns", "--data", o + "/data", "--scheme", "7.3"},
        new String[] {"skel", in.signed(), "-o", o + "/signed.lskel.h", "--scheme", "7.3"},
        new String[] {"import", in.header(), "-o", o + "/imported.bin"},
        new String[] {"enforce", "--export-loader", o + "/enforce.bin"},
        new String[] {"enforce", "--status", "--bpffs", o});
  }
}
