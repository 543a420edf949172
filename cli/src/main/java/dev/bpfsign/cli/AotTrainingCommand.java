package dev.bpfsign.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Run once at package time with {@code -XX:AOTCacheOutput} so the AOT cache holds the classes a
 * typical start needs (picocli's model of every command, help rendering). It has no effects.
 */
@Command(name = "aot-training", hidden = true, description = "Exercise start-up paths for the AOT cache.")
final class AotTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    BpfSign.run(sink, sink, "--version");
    BpfSign.run(sink, sink, "--help");
    BpfSign.run(sink, sink, "--no-such-option");
    return ExitCodes.OK;
  }
}
