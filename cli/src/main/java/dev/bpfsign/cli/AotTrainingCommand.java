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
import picocli.CommandLine.Spec;

/**
 * The AOT cache's training run (JEP 483/514): run once with {@code -XX:AOTCacheOutput} at
 * package time, so the cache holds the classes, linked, that real commands need — not only
 * picocli's help. It does the real work of every command on the bundled demo material in a
 * temporary directory (gen and sign, one object and a batch for a target profile, verify,
 * inspect, diff, load --dry-run, export, skel, import, text and JSON), nothing that touches the kernel or the host. A step that fails makes the run
 * fail: a cache trained on error paths would be a slow cache.
 */
@Command(name = "aot-training", hidden = true, description = "Exercise every command for the AOT cache.")
final class AotTrainingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Path work = Files.createTempDirectory("bpfsign-aot-training-");
    try {
      List<String> failed = new ArrayList<>();
      for (String[] step : steps(work)) {
        StringWriter log = new StringWriter();
        PrintWriter sink = new PrintWriter(log);
        int code = BpfSign.run(sink, sink, step);
        if (code != expectedExit(step)) {
          failed.add(String.join(" ", step) + " → exit " + code + ": " + log.toString().strip());
        }
      }
      for (String f : failed) {
        err.println("bpfsign aot-training: step failed: " + f);
      }
      return failed.isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
    } finally {
      DemoCommand.deleteTree(work);
    }
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

  private static List<String[]> steps(Path work) throws IOException {
    String object = DemoCommand.extract(work, DemoCommand.OBJECT).toString();
    String key = DemoCommand.extract(work, "demo-signer.key.pem").toString();
    String cert = DemoCommand.extract(work, "demo-signer.cert.pem").toString();
    String loader = work.resolve("sample.bin").toString();
    String plain = work.resolve("plain.bin").toString();
    String signedCopy = work.resolve("signed-copy.bin").toString();
    String p7s = work.resolve("sample.p7s").toString();
    String header = work.resolve("sample.lskel.h").toString();
    String imported = work.resolve("imported.bin").toString();
    // a written profile rather than 'target capture': training reads nothing from the host
    Files.writeString(work.resolve("target.json"),
        "{\"schema\": \"bpfsign.target/v1\", \"kernel_release\": \"6.18.0\", \"possible_cpus\": 2}\n");
    return List.of(
        new String[] {"--version"},
        new String[] {"--help"},
        new String[] {"--no-such-option"},
        new String[] {"gen", object, "-o", loader},
        new String[] {"gen", object, "-o", plain, "--plain"},
        new String[] {"sign", loader, "--key", key, "--cert", cert},
        new String[] {"sign", object, "--key", key, "--cert", cert, "-o", signedCopy, "--json"},
        new String[] {"sign", signedCopy, "--key", key, "--cert", cert, "--detached", p7s, "--scheme", "7.3"},
        new String[] {"verify", loader, "--trust", cert},
        new String[] {"verify", signedCopy, "--trust", cert, "--json"},
        new String[] {"inspect", loader},
        new String[] {"inspect", loader, "--json", "--disasm"},
        new String[] {"diff", plain, loader},
        new String[] {"diff", plain, loader, "--json", "--scheme", "6.18"},
        new String[] {"load", loader, "--trust", cert, "--dry-run"},
        new String[] {"load", loader, "--trust", cert, "--dry-run", "--json"},
        new String[] {"export", loader, "--insns", work.resolve("insns").toString(), "--data", work.resolve("data").toString(), "--scheme", "7.3"},
        new String[] {"skel", loader, "-o", header, "--scheme", "7.3"},
        new String[] {"import", header, "-o", imported},
        new String[] {"gen", object, "-d", work.resolve("batch").toString(), "--target", work.resolve("target.json").toString(),
            "--json"},
        new String[] {"sign", object, "-d", work.resolve("signed-batch").toString(), "--target",
            work.resolve("target.json").toString(), "--key", key, "--cert", cert},
        new String[] {"enforce", "--export-loader", work.resolve("enforce.bin").toString()},
        new String[] {"enforce", "--status", "--bpffs", work.toString()},
        new String[] {"gen", "--help"});
  }
}
