package dev.bpfsign.cli;

import dev.bpfsign.cli.json.PolicyJson;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.verifier.CertificateFiles;
import dev.bpfsign.verifier.Keyring;
import dev.bpfsign.verifier.Policy;
import dev.bpfsign.verifier.TrustStore;
import dev.bpfsign.verifier.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The admission options {@code verify} and {@code load} share (docs/cli.md "Options"): declared
 * once, so each name has one meaning, one default and one parser in both commands.
 */
final class AdmissionOptions {
  @Option(names = "--trust", paramLabel = "PATH", arity = "1", split = ",",
      description = "Trusted certificates: PEM files or bundles, DER files, directories, PKCS#12 stores. Repeatable, or comma-separated.")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--trust-password-file", paramLabel = "FILE",
      description = "Password of the PKCS#12 stores among --trust and --cert.")
  Path trustPasswordFile;

  @Option(names = "--cert", paramLabel = "PATH", arity = "1", split = ",",
      description = "Untrusted certificates (signer, intermediates) that help build a chain to the trust. Repeatable, or comma-separated.")
  List<Path> certs = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "PATH", arity = "1", split = ",",
      description = "CRL files (PEM or DER). Repeatable, or comma-separated.")
  List<Path> crls = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "POLICY.json",
      description = "Admission policy (schema bpfsign.policy/v2, docs/policy.md).")
  Path policy;

  @Option(names = "--strict", description = "Warnings refuse admission too.")
  boolean strict;

  /**
   * builtin by default: a signed light skeleton loads with keyring_id 0 unless its caller sets
   * another, and 0 is the kernel's builtin trusted keyring — so that is the keyring the kernel
   * consults on the host where the loader runs, and the one verify predicts for.
   */
  @Option(names = "--keyring", paramLabel = "KEYRING", converter = KeyringConverter.class,
      description = "Keyring the kernel checks the signature against (load) or is predicted for (verify): "
          + KeyringConverter.VALUES + " (default: builtin, what a light skeleton uses).")
  Keyring keyring = Keyring.BUILTIN;

  /** A verifier for these options: trust, intermediates, CRLs, policy, strictness and keyring. */
  Verifier.Builder verifier() throws BadInputException {
    Optional<char[]> password = readPassword();
    Verifier.Builder b = Verifier.builder()
        .trust(TrustStore.load(trust, password))
        .policy(policy == null ? Policy.permissive() : PolicyJson.read(policy))
        .strict(strict)
        .keyring(keyring);
    if (!certs.isEmpty()) {
      b.intermediates(CertificateFiles.readCertificates(certs, password));
    }
    if (!crls.isEmpty()) {
      b.crls(CertificateFiles.readCrls(crls));
    }
    return b;
  }

  private Optional<char[]> readPassword() throws BadInputException {
    if (trustPasswordFile == null) {
      return Optional.empty();
    }
    if (Files.isDirectory(trustPasswordFile)) {
      throw new BadInputException(trustPasswordFile + ": is a directory, not a password file");
    }
    try {
      String p = Files.readString(trustPasswordFile, StandardCharsets.UTF_8);
      return Optional.of(p.stripTrailing().toCharArray());
    } catch (java.nio.charset.CharacterCodingException e) {
      // the decoder's own words are "Input length = 1"
      throw new BadInputException(trustPasswordFile + ": the password file is not UTF-8 text", e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadInputException(trustPasswordFile + ": no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new BadInputException(trustPasswordFile + ": cannot read password file: permission denied", e);
    } catch (IOException e) {
      throw new BadInputException(trustPasswordFile + ": cannot read password file: " + e.getClass().getSimpleName(), e);
    }
  }
}
