package dev.bpfsign.dist;

import dev.bpfsign.cli.BpfSign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes what the release derives from the command's model: man pages (one per command) and
 * the completion script (picocli's; bash, and zsh through bashcompinit).
 * Usage: {@code DocsGenerator OUT_DIR VERSION} → OUT_DIR/man/man1/*.1, OUT_DIR/completion/bpfsign.bash.
 */
public final class DocsGenerator {
  private DocsGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: DocsGenerator OUT_DIR VERSION");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    CommandLine root = BpfSign.commandLine();
    Path man = Files.createDirectories(out.resolve("man/man1"));
    for (Map.Entry<String, String> page : ManPages.all(root, args[1]).entrySet()) {
      Files.writeString(man.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
    }
    Path completion = Files.createDirectories(out.resolve("completion"));
    Files.writeString(completion.resolve("bpfsign.bash"), AutoComplete.bash("bpfsign", root), StandardCharsets.UTF_8);
  }
}
