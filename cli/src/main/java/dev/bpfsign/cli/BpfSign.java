package dev.bpfsign.cli;

import java.io.PrintWriter;
import java.util.Arrays;
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
    subcommands = {
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
      KeyringCommand.class,
      EnforceCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (verify/load: admitted)",
      "1:not admitted; the findings say why",
      "2:usage error",
      "3:bad input (missing or malformed file, key, certificate, policy)",
      "4:the kernel refused (privileges, loader error, missing feature)",
      "70:internal error",
    })
public final class BpfSign implements Runnable {
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
    CommandLine cl = new CommandLine(new BpfSign());
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
}
