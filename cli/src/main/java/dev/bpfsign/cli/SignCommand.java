package dev.bpfsign.cli;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.SignReport;
import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.signer.Certificates;
import dev.bpfsign.signer.LoaderSigner;
import dev.bpfsign.signer.PemKeys;
import dev.bpfsign.signer.Pkcs11Keys;
import dev.bpfsign.signer.Pkcs12Keys;
import dev.bpfsign.signer.SecretSpec;
import dev.bpfsign.signer.SignedLoaderFiles;
import dev.bpfsign.signer.SigningCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bpfsign sign}: appends a kernel-format signature to loader files (in place, via a
 * verified temporary file), or writes it alone with {@code --detached}. Every input is read and
 * checked before anything is written, so a bad input leaves every file as it was.
 */
@Command(name = "sign", header = "Sign loaders in the format the kernel verifies on BPF_PROG_LOAD.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Sign loader files in the format the kernel verifies on BPF_PROG_LOAD (CMS, SHA-256,",
      "detached, no signed attributes). Signs in place unless -o or --detached is given;",
      "a second signer appends a second signature (co-signing)."
    })
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "LOADER",
      description = "Loader files to sign, or one BPF object (.o; needs -o), which is generated signable first.")
  List<Path> inputs;

  @Option(names = "--key", paramLabel = "KEY", description = "PEM private key (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).")
  Path key;

  @Option(names = "--key-pass", paramLabel = "env:VAR|file:PATH", description = "Password of an encrypted --key.")
  String keyPass;

  @Option(names = "--cert", paramLabel = "CERT",
      description = "Signer certificate, PEM or DER (required with --key; overrides the stored one otherwise).")
  Path cert;

  @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS#12 file holding the key and certificate.")
  Path keystore;

  @Option(names = "--store-pass", paramLabel = "env:VAR|file:PATH", description = "Password of the --keystore.")
  String storePass;

  @Option(names = "--pkcs11", paramLabel = "CONFIG", description = "SunPKCS11 configuration of the token holding the key.")
  Path pkcs11;

  @Option(names = "--pin", paramLabel = "env:VAR|file:PATH", description = "PIN of the --pkcs11 token.")
  String pin;

  @Option(names = "--alias", paramLabel = "ALIAS", description = "Entry in the --keystore or on the --pkcs11 token.")
  String alias;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the signed loader here (one input only).")
  Path output;

  @Option(names = "--detached", paramLabel = "SIG.p7s",
      description = "Write only the CMS (DER) to this file; the loader is left unchanged (one input only).")
  Path detached;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Sign only this variant (default: every variant, each with its own scheme: 6.18 over the"
          + " instructions for Linux 6.18 to 7.2, 7.3 over instructions and data for Linux 7.3 and later);"
          + " 2026 is an alias of 7.3.")
  String scheme;

  @Option(names = "--allow-non-kernel-alg",
      description = "Sign even with a key the kernel cannot verify (Ed25519, DSA, RSA outside 2048-4096).")
  boolean allowNonKernelAlgorithm;

  @Option(names = "--embed-cert", description = "Keep the signer certificate in the signature block (a hint for"
      + " verifiers; the kernel never reads it).")
  boolean embedCertificate;

  @Option(names = "--json", description = "Print the summary as JSON (schema bpfsign.sign/v1).")
  boolean json;

  /** One input and the variants of it to sign. */
  private record Input(Path path, LoaderBundle bundle, List<LoaderFile> variants, Path target) {}

  @Override
  public Integer call() throws IOException, BadInputException {
    Scheme chosen = scheme == null ? null : SchemeOption.parse(spec, scheme);
    checkOptionCombinations();
    List<Input> loaders = readAll(chosen);
    LoaderSigner signer = LoaderSigner.create(credentials(),
        new LoaderSigner.Options(allowNonKernelAlgorithm, embedCertificate, Instant.now()));
    PrintWriter err = spec.commandLine().getErr();
    for (String warning : signer.warnings()) {
      err.println("bpfsign: warning: " + warning);
    }
    err.flush();

    List<SignReport.Entry> entries = new ArrayList<>();
    for (Input in : loaders) {
      entries.addAll(signOne(signer, in));
    }
    report(signer, chosen, entries);
    return ExitCodes.OK;
  }

  private void checkOptionCombinations() {
    int sources = (key != null ? 1 : 0) + (keystore != null ? 1 : 0) + (pkcs11 != null ? 1 : 0);
    if (sources != 1) {
      throw usage("give exactly one key source: --key KEY --cert CERT, --keystore FILE --alias A,"
          + " or --pkcs11 CONFIG --alias A");
    }
    if (key != null && cert == null) {
      throw usage("--key needs --cert (the certificate the kernel will check the signature with)");
    }
    if (key != null && alias != null) {
      throw usage("--alias goes with --keystore or --pkcs11, not --key");
    }
    if ((keystore != null || pkcs11 != null) && alias == null) {
      throw usage((keystore != null ? "--keystore" : "--pkcs11") + " needs --alias");
    }
    if (keyPass != null && key == null) {
      throw usage("--key-pass goes with --key");
    }
    if (storePass != null && keystore == null) {
      throw usage("--store-pass goes with --keystore");
    }
    if (pin != null && pkcs11 == null) {
      throw usage("--pin goes with --pkcs11");
    }
    if ((output != null || detached != null) && inputs.size() != 1) {
      throw usage((output != null ? "-o" : "--detached") + " takes one input; " + inputs.size() + " were given");
    }
    if (output != null && detached != null) {
      throw usage("-o and --detached exclude each other (--detached leaves the loader unchanged)");
    }
  }

  private List<Input> readAll(Scheme chosen) throws IOException, BadInputException {
    List<Input> loaders = new ArrayList<>();
    for (Path path : inputs) {
      byte[] bytes = InputFiles.read(path, LoaderInput.MAX_LOADER_FILE_SIZE);
      LoaderBundle bundle;
      if (ObjectInput.isElf(bytes)) {
        if (output == null) {
          throw usage(path + " is a BPF object: give -o OUT for the signed loader (the object itself is never"
              + " overwritten)");
        }
        bundle = ObjectInput.signableLoaders(path, bytes, chosen == null ? List.of(Scheme.values()) : List.of(chosen));
      } else {
        bundle = LoaderFileFormat.readBundle(bytes, path.toString());
      }
      List<LoaderFile> variants = chosen == null
          ? bundle.variants() : List.of(SchemeOption.variant(bundle, chosen, path.toString()));
      if (detached != null && variants.size() != 1) {
        throw usage("--detached writes one signature: " + path + " holds " + variants.size()
            + " variants (" + SchemeOption.labels(bundle) + "); choose one with --scheme");
      }
      for (LoaderFile v : variants) {
        LoaderSigner.requireSignable(v, path.toString());
      }
      loaders.add(new Input(path, bundle, variants, output != null ? output : path));
    }
    return loaders;
  }

  private SigningCredentials credentials() throws BadInputException {
    Map<String, String> env = System.getenv();
    Optional<X509Certificate> certificate = cert == null ? Optional.empty() : Optional.of(Certificates.read(cert));
    if (key != null) {
      return PemKeys.credentials(key, secret("--key-pass", keyPass), env, certificate.get());
    }
    if (keystore != null) {
      return Pkcs12Keys.credentials(keystore, alias, secret("--store-pass", storePass), env, certificate);
    }
    return Pkcs11Keys.credentials(pkcs11, alias, secret("--pin", pin), env, certificate);
  }

  private static Optional<SecretSpec> secret(String option, String spec) throws BadInputException {
    return spec == null ? Optional.empty() : Optional.of(SecretSpec.parse(option, spec));
  }

  /** Signs each chosen variant of one input with its own scheme; writes the file once. */
  private List<SignReport.Entry> signOne(LoaderSigner signer, Input in) throws IOException, BadInputException {
    LoaderBundle bundle = in.bundle();
    List<SignatureBlock> added = new ArrayList<>();
    List<SignReport.Entry> entries = new ArrayList<>();
    for (LoaderFile variant : in.variants()) {
      Optional<SignatureBlock> existing =
          detached == null ? signer.existingSignature(variant, variant.scheme()) : Optional.empty();
      if (existing.isPresent()) {
        entries.add(entry(signer, in, in.target(), "unchanged", variant, existing.get(), variant.signatures().size()));
        continue;
      }
      SignatureBlock block = signer.sign(variant, variant.scheme(), in.path().toString());
      if (detached != null) {
        AtomicFiles.write(detached, block.cms().toArray());
        return List.of(entry(signer, in, detached, "signed", variant, block, variant.signatures().size()));
      }
      LoaderFile signed = variant.withSignature(block);
      bundle = bundle.with(signed);
      added.add(block);
      entries.add(entry(signer, in, in.target(), "signed", variant, block, signed.signatures().size()));
    }
    if (!added.isEmpty()) {
      SignedLoaderFiles.write(in.target(), bundle, added, signer.credentials().certificate());
    } else if (!in.target().equals(in.path())) {
      AtomicFiles.write(in.target(), LoaderFileFormat.write(bundle));
    }
    return entries;
  }

  private static SignReport.Entry entry(LoaderSigner signer, Input in, Path output, String status, LoaderFile loader,
      SignatureBlock block, int signatures) {
    return new SignReport.Entry(in.path().toString(), output.toString(), status, loader.scheme().label(),
        signer.signerName(), loader.insns().sha256().hex(), block.cms().sha256().hex(), signatures);
  }

  private void report(LoaderSigner signer, Scheme chosen, List<SignReport.Entry> entries) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<String> schemes = entries.stream().map(SignReport.Entry::scheme).distinct().toList();
      Json.print(out, new SignReport(SignReport.SCHEMA, schemes.size() == 1 ? schemes.getFirst() : null,
          signer.signerName(), signer.algorithm().name(), signer.warnings(), entries));
      return;
    }
    for (SignReport.Entry e : entries) {
      if (e.status().equals("unchanged")) {
        out.println(e.path() + ": already signed by this signer for scheme " + e.scheme() + "; unchanged"
            + (e.output().equals(e.path()) ? "" : " (copied to " + e.output() + ")"));
      } else {
        out.println("signed " + e.path() + (e.output().equals(e.path()) ? "" : " -> " + e.output())
            + ": scheme " + e.scheme() + ", " + signer.algorithm().name() + ", insns sha256 " + e.insnsSha256()
            + ", " + e.signatures() + " signature" + (e.signatures() == 1 ? "" : "s"));
      }
    }
    if (entries.size() > 1) {
      out.println(entries.size() + " loaders, signer " + signer.signerName());
    } else {
      out.println("signer " + signer.signerName());
    }
    out.flush();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
