package dev.bpfsign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs bpfsign in-process, or in a child JVM without capabilities (root with an empty bounding
 * set). Whatever a run prints with {@code --json} is validated against its JSON Schema
 * (docs/schemas/), so every test of a command's JSON also checks the schema.
 */
final class Cli {
  record Result(int code, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BpfSign.run(new PrintWriter(out), new PrintWriter(err), args);
    return checked(args, new Result(code, out.toString(), err.toString()));
  }

  /** A --json run's output (when it printed any) must be valid against the schema it names. */
  private static Result checked(String[] args, Result r) {
    if (List.of(args).contains("--json") && !r.out().isBlank()) {
      JsonSchemas.assertValid(r.out());
    }
    return r;
  }

  /** Whether {@code setpriv} can drop capabilities here (util-linux, run as root). */
  static boolean canDropPrivileges() {
    return Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"));
  }

  /** bpfsign in a child JVM whose capabilities are all dropped: bpf() answers EPERM there. */
  static Result runWithoutCapabilities(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"));
    cmd.addAll(javaCommand(args));
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    return checked(args, finish(p));
  }

  /** bpfsign in a child JVM (stdout piped, stderr merged into it), for commands that wait for signals. */
  static Process start(String... args) throws IOException {
    return new ProcessBuilder(javaCommand(args)).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
  }

  /** {@code mainClass} (bpfsign's Main or a test driver) in a child JVM with its own stdout and stderr. */
  static Process startSeparately(Class<?> mainClass, List<String> args) throws IOException {
    return new ProcessBuilder(javaCommand(mainClass, args.toArray(String[]::new)))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
  }

  private static List<String> javaCommand(String... args) {
    return javaCommand(Main.class, args);
  }

  private static List<String> javaCommand(Class<?> mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Result finish(Process p) throws IOException, InterruptedException {
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    int code = p.waitFor();
    return new Result(code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
