package dev.bpfsign.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job on embedded defaults: a bundled sample object and test key, generate, sign,
 * verify, and load where the host allows. Steps whose modules are not built yet say so.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate, sign, verify and load a bundled sample with a bundled test key.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("bpfsign demo");
    out.println("  generate: not available yet (loader-core generator is being built)");
    out.println("  sign:     not available yet");
    out.println("  verify:   not available yet");
    out.println("  load:     not available yet");
    return ExitCodes.OK;
  }
}
