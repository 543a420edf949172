package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run of one command models only that command, and nothing a user sees changes by it. */
class CommandTreeTest {
  @Test
  void aNamedCommandIsTheOnlyOneModelled() {
    assertThat(BpfSign.commandLine("verify").getSubcommands()).containsOnlyKeys("verify");
    assertThat(BpfSign.commandLine("--version").getSubcommands()).isEmpty();
    assertThat(BpfSign.commandLine("--help").getSubcommands()).hasSize(BpfSign.COMMANDS.size());
    assertThat(BpfSign.commandLine().getSubcommands()).hasSize(BpfSign.COMMANDS.size());
  }

  @Test
  void everyCommandsNameFromItsClassNameIsItsAnnotatedName() {
    for (Class<?> c : BpfSign.COMMANDS) {
      assertThat(BpfSign.name(c)).as(c.getSimpleName()).isEqualTo(c.getAnnotation(CommandLine.Command.class).name());
    }
    assertThat(BpfSign.name(AotTrainingCommand.class)).isEqualTo("aot-training");
  }

  @Test
  void everyCommandsHelpIsTheSameAloneAsInTheWholeTree() {
    CommandLine whole = BpfSign.commandLine();
    for (String name : whole.getSubcommands().keySet()) {
      assertThat(BpfSign.commandLine(name).getSubcommands().get(name).getUsageMessage())
          .as(name).isEqualTo(whole.getSubcommands().get(name).getUsageMessage());
    }
  }

  @Test
  void helpListsEveryVisibleCommandInOrder() {
    String help = Cli.run("--help").out();
    int last = -1;
    for (Class<?> c : BpfSign.COMMANDS) {
      CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
      if (!command.hidden()) {
        int at = help.indexOf("\n  " + command.name() + " ");
        assertThat(at).as(command.name()).isGreaterThan(last);
        last = at;
      }
    }
  }
}
