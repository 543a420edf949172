package dev.bpfsign.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code bpfsign} command: one subcommand per job. */
@Command(
    name = "bpfsign",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Generate, sign, verify and load BPF loader programs (light skeletons)",
      "in the format the Linux kernel verifies."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (verify/load: admitted)",
      "1:not admitted; the findings say why",
      "2:usage error",
      "3:bad input (missing or malformed file, key, certificate, policy)",
      "4:the kernel refused (privileges, loader error, missing feature)",
      "5:network: a registry could not be reached (connection, TLS, timeout, server error)",
      "70:internal error",
    })
public final class BpfSign implements Runnable {
  /**
   * The subcommands, in the order {@code --help} lists them. They are added to the model in
   * {@link #commandLine}, not through {@code @Command(subcommands)}, so a run of one command
   * models only that one. The model itself comes from {@link CommandModel}, code generated from
   * these classes' annotations: picocli reading the annotations at run time (a proxy class per
   * annotation type, reflection on every field) took about 40 ms of each cold start.
   */
  static final List<Class<?>> COMMANDS = List.of(
      DemoCommand.class,
      GenCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      DiffCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      InspectCommand.class,
      SkelCommand.class,
      AotTrainingCommand.class,
      DoctorCommand.class,
      LoadCommand.class,
      PushCommand.class,
      PullCommand.class,
      TargetCommand.class,
      KeyringCommand.class,
      EnforceCommand.class);

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
  boolean stackTrace;

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see bpfsign --help)");
  }

  /** Entry point for tests and {@link Main}: no System.exit, no global streams. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    boolean stackTrace = Arrays.asList(args).contains("--stacktrace");
    CommandLine cl = commandLine(args.length == 0 ? "" : args[0]);
    cl.setOut(out);
    cl.setErr(err);
    // an unknown --option after a multi-value option is a usage error, not a file name
    cl.setUnmatchedOptionsAllowedAsOptionParameters(false);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("bpfsign: " + ex.getMessage() + (ex.getMessage().contains("--help") ? "" : " (see bpfsign --help)"));
      err.flush();
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      Failures.report(err, ex, stackTrace);
      return Failures.exitCode(ex);
    });
    int code = cl.execute(args);
    out.flush();
    return code;
  }

  /** The whole command tree: every subcommand (help, man pages, completion). */
  public static CommandLine commandLine() {
    return commandLine("");
  }

  /**
   * The command tree for a run whose first argument is {@code first}: when that names a
   * subcommand, only that subcommand is modelled (its parsing, help and errors are the same as
   * in the whole tree); {@code --version} needs none; anything else gets every subcommand.
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(CommandModel.command("bpfsign"));
    if (first.equals("--version") || first.equals("-V")) {
      return cl;
    }
    List<Class<?>> chosen = COMMANDS.stream().filter(c -> name(c).equals(first)).toList();
    for (Class<?> c : chosen.isEmpty() ? COMMANDS : chosen) {
      cl.addSubcommand(name(c), new CommandLine(CommandModel.command(name(c))));
    }
    return cl;
  }

  /**
   * A subcommand's name from its class name ({@code AotTrainingCommand} → {@code aot-training}),
   * which must equal its {@code @Command(name)} (a test checks every one): reading the
   * annotation instead would parse every command's annotations on every start.
   */
  static String name(Class<?> command) {
    String simple = command.getSimpleName();
    String base = simple.substring(0, simple.length() - "Command".length());
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        name.append('-');
      }
      name.append(Character.toLowerCase(c));
    }
    return name.toString();
  }
}
