package dev.bpfsign.cli;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.KeyringReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.KernelKeyrings;
import dev.bpfsign.runtime.KernelRefusedException;
import dev.bpfsign.verifier.Keyring;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign keyring add|list}: signer certificates in kernel keyrings, for {@code load --keyring}. */
@Command(name = "keyring", mixinStandardHelpOptions = true,
    description = "Provision signer certificates into a kernel keyring (for load/enforce --keyring).",
    subcommands = {KeyringCommand.Add.class, KeyringCommand.ListKeys.class})
final class KeyringCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "keyring needs a command: add or list");
  }

  static final String KEYRING_HELP = "Keyring: session, user, or a serial; default: the '" + KernelKeyrings.NAME
      + "' keyring in root's user keyring (created on first use).";


  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add an X.509 certificate (PEM or DER) as an asymmetric key; print the keyring serial to load with.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:added", "2:usage error", "3:bad input (certificate, keyring)",
          "4:the kernel refused (no key support, unparsable certificate, permissions)", "70:internal error"})
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CERT", description = "Signer certificate, PEM or DER.")
    Path cert;

    @Option(names = "--keyring", paramLabel = "KEYRING", converter = KeyringConverter.class, description = KEYRING_HELP)
    Keyring keyring;

    @Option(names = "--json", description = "Print the result as JSON (schema bpfsign.keyring-add/v1).")
    boolean json;

    @Override
    public Integer call() throws IOException, BadInputException {
      Optional<Keyring> into = Optional.ofNullable(keyring);
      byte[] bytes = InputFiles.read(cert, 1 << 20);
      KernelKeyrings.Added a;
      try {
        a = KernelKeyrings.add(bytes, cert.toString(), into);
      } catch (KernelRefusedException e) {
        throw new KernelFailure(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      String loadWith = into.map(Keyring::name).orElse(Integer.toString(a.keyring()));
      if (json) {
        Json.print(out, new KeyringReport.Added(a.keyring(), a.keyringName().isEmpty() ? null : a.keyringName(),
            a.key(), a.description(), "--keyring " + loadWith));
      } else {
        out.println("added " + a.description() + " as key " + a.key() + " to keyring "
            + (a.keyringName().isEmpty() ? "" : a.keyringName() + " ") + "(serial " + a.keyring() + ")");
        out.println("load with: --keyring " + loadWith);
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the keys of a keyring (default: the '" + KernelKeyrings.NAME + "' keyring).")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keyring", paramLabel = "KEYRING", converter = KeyringConverter.class, description = KEYRING_HELP)
    Keyring keyring;

    @Option(names = "--json", description = "Print the keys as JSON (schema bpfsign.keyring-list/v1).")
    boolean json;

    @Override
    public Integer call() throws BadInputException {
      List<KernelKeyrings.Entry> keys;
      try {
        keys = KernelKeyrings.list(Optional.ofNullable(keyring));
      } catch (KernelRefusedException e) {
        throw new KernelFailure(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, new KeyringReport.Listed(keys.stream()
            .map(k -> new KeyringReport.Key(k.serial(), k.type(), k.description())).toList()));
      } else {
        if (keys.isEmpty()) {
          out.println("no keys" + (keyring == null ? " (the " + KernelKeyrings.NAME + " keyring is empty or absent)" : ""));
        }
        for (KernelKeyrings.Entry k : keys) {
          out.printf("%-12d %-12s %s%n", k.serial(), k.type(), k.description());
        }
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
