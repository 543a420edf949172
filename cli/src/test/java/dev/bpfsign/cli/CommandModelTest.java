package dev.bpfsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code CommandModel.java} is what {@link CommandModelSource} writes from the annotations, and
 * the model it builds is the annotations' model: every attribute picocli parses or prints with,
 * the usage help, and the subcommands.
 */
class CommandModelTest {
  private static final Path SOURCE = Path.of("src/main/java/dev/bpfsign/cli/CommandModel.java");

  @Test
  void checkedInSourceIsWhatTheAnnotationsGive() throws IOException {
    String generated = CommandModelSource.generate();
    if (Boolean.getBoolean("bpfsign.regenerate")) {
      Path tmp = SOURCE.resolveSibling(SOURCE.getFileName() + ".tmp");
      Files.writeString(tmp, generated, StandardCharsets.UTF_8);
      Files.move(tmp, SOURCE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    assertEquals(generated, Files.readString(SOURCE, StandardCharsets.UTF_8),
        "CommandModel.java is stale: regenerate it (the command is in its first lines)");
  }

  static List<String> commands() {
    List<String> names = new ArrayList<>(List.of("bpfsign"));
    for (Class<?> c : BpfSign.COMMANDS) {
      names.add(BpfSign.name(c));
    }
    return names;
  }

  @ParameterizedTest
  @MethodSource("commands")
  void sameModelAsTheAnnotations(String name) throws ReflectiveOperationException {
    Class<?> type = name.equals("bpfsign") ? BpfSign.class
        : BpfSign.COMMANDS.stream().filter(c -> BpfSign.name(c).equals(name)).findFirst().orElseThrow();
    var ctor = type.getDeclaredConstructor();
    ctor.setAccessible(true);
    CommandLine reflected = new CommandLine(ctor.newInstance());
    CommandSpec generated = CommandModel.command(name);
    assertNotNull(generated, name);
    assertEquals(describe(reflected), describe(new CommandLine(generated)));
  }

  @Test
  void unknownCommandHasNoModel() {
    assertEquals(null, CommandModel.command("no-such-command"));
  }

  /** Everything picocli parses, checks or prints with, as text; subcommands included. */
  private static String describe(CommandLine cl) {
    StringBuilder b = new StringBuilder();
    describe(cl, b);
    return b.toString();
  }

  private static void describe(CommandLine cl, StringBuilder b) {
    CommandSpec s = cl.getCommandSpec();
    b.append("command ").append(s.qualifiedName()).append(" user object ").append(s.userObject().getClass().getName())
        .append(" aliases ").append(Arrays.toString(s.aliases()))
        .append(" version ").append(Arrays.toString(s.version()))
        .append(" exit codes ").append(s.exitCodeOnSuccess()).append('/').append(s.exitCodeOnUsageHelp())
        .append('/').append(s.exitCodeOnInvalidInput()).append('/').append(s.exitCodeOnExecutionException())
        .append('\n');
    var u = s.usageMessage();
    b.append("usage sort ").append(u.sortOptions()).append(" hidden ").append(u.hidden())
        .append(" exit code list ").append(u.exitCodeList()).append('\n');
    for (OptionSpec o : s.options()) {
      b.append("option ");
      arg(o, b);
      b.append(" usageHelp ").append(o.usageHelp()).append(" versionHelp ").append(o.versionHelp())
          .append(" negatable ").append(o.negatable()).append(" group ").append(o.group() != null).append('\n');
    }
    for (PositionalParamSpec p : s.positionalParameters()) {
      b.append("positional index ").append(p.index()).append(' ');
      arg(p, b);
      b.append('\n');
    }
    for (ArgGroupSpec g : s.argGroups()) {
      b.append("group exclusive ").append(g.exclusive()).append(" multiplicity ").append(g.multiplicity())
          .append(" args ").append(g.args().stream().map(ArgSpec::paramLabel).toList()).append('\n');
    }
    b.append("help:\n").append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
    for (Map.Entry<String, CommandLine> sub : s.subcommands().entrySet()) {
      b.append("subcommand ").append(sub.getKey()).append('\n');
      describe(sub.getValue(), b);
    }
  }

  private static void arg(ArgSpec a, StringBuilder b) {
    b.append(a instanceof OptionSpec o ? Arrays.toString(o.names()) : "")
        .append(" label ").append(a.paramLabel()).append(" arity ").append(a.arity())
        .append(" type ").append(a.type().getName()).append(" aux ")
        .append(Arrays.stream(a.auxiliaryTypes()).map(Class::getName).toList())
        .append(" split ").append(a.splitRegex()).append(" required ").append(a.required())
        .append(" hidden ").append(a.hidden()).append(" scope ").append(a.scopeType())
        .append(" inherited ").append(a.inherited()).append(" interactive ").append(a.interactive())
        .append(" default ").append(a.defaultValue()).append(" initial ").append(a.initialValue())
        .append(" hasInitial ").append(a.hasInitialValue()).append(" converters ")
        .append(Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toList())
        .append(" description ").append(Arrays.toString(a.description()));
  }
}
