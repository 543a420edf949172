package dev.bpfsign.cli;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.SignReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.io.FileTransaction;
import dev.bpfsign.oci.PulledLoader;
import dev.bpfsign.oci.Reference;
import dev.bpfsign.signer.Certificates;
import dev.bpfsign.signer.KernelCmsVerifier;
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
import dev.bpfsign.loader.file.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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
      description = "Loader files to sign, oci://REF (pulls, signs, pushes only the new signature), or one BPF object"
          + " (.o; needs -o), which is generated signable first; with -d DIR, BPF objects only.")
  List<String> inputs;

  @picocli.CommandLine.Mixin RegistryOptions registry;

  @Option(names = "--key", paramLabel = "KEY", description = "PEM private key (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).")
  Path key;

  @Option(names = "--key-pass", paramLabel = "env:VAR|file:PATH", converter = SecretConverter.class,
      description = "Password of an encrypted --key.")
  SecretSpec keyPass;

  @Option(names = "--cert", paramLabel = "CERT",
      description = "Signer certificate, PEM or DER (required with --key; overrides the stored one otherwise).")
  Path cert;

  @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS#12 file holding the key and certificate.")
  Path keystore;

  @Option(names = "--store-pass", paramLabel = "env:VAR|file:PATH", converter = SecretConverter.class,
      description = "Password of the --keystore.")
  SecretSpec storePass;

  @Option(names = "--pkcs11", paramLabel = "CONFIG", description = "SunPKCS11 configuration of the token holding the key.")
  Path pkcs11;

  @Option(names = "--pkcs11-pin", paramLabel = "env:VAR|file:PATH", converter = SecretConverter.class,
      description = "PIN of the --pkcs11 token.")
  SecretSpec pin;

  /** The old spelling, which now means only load's bpffs directory: refused with the new name. */
  @Option(names = "--pin", hidden = true, paramLabel = "env:VAR|file:PATH")
  String oldPin;

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
  List<String> schemeArgs = new ArrayList<>();

  @Option(names = "--allow-non-kernel-alg",
      description = "Sign even with a key the kernel cannot verify (Ed25519, DSA, RSA outside 2048-4096).")
  boolean allowNonKernelAlgorithm;

  @Option(names = "--embed-cert", description = "Keep the signer certificate in the signature block (a hint for"
      + " verifiers; the kernel never reads it).")
  boolean embedCertificate;

  @Option(names = "--json", description = "Print the summary as JSON (schema bpfsign.sign/v1).")
  boolean json;

  @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR",
      description = "Generate every input (BPF objects) and write the signed loaders as DIR/NAME.loader"
          + " (DIR/TARGET/NAME.loader with several --target).")
  Path outputDir;

  @Mixin GenOptions gen;

  /** One input: a file signed into {@code target}, or a published loader ({@code pulled}) co-signed in the registry. */
  private record Input(String source, LoaderBundle bundle, List<LoaderFile> variants, Path target,
      Optional<PulledLoader> pulled) {
    boolean inPlace() {
      return pulled.isEmpty() && target.toString().equals(source);
    }
  }

  @Override
  public Integer call() throws IOException, BadInputException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    Scheme chosen = scheme == null ? null : SchemeOption.parse(spec, scheme);
    checkOptionCombinations();
    gen.validate(spec);
    if (outputDir != null) {
      return signObjects(chosen);
    }
    List<Input> loaders = readAll(chosen);
    LoaderSigner signer = LoaderSigner.create(credentials(),
        new LoaderSigner.Options(allowNonKernelAlgorithm, embedCertificate, Instant.now()));
    PrintWriter err = spec.commandLine().getErr();
    for (String warning : signer.warnings()) {
      err.println("bpfsign: warning: " + warning);
    }
    err.flush();

    List<SignReport.Entry> entries = new ArrayList<>();
    // all loaders or none: each is prepared (in place: under its lock, re-read, signed) before any is replaced
    try (FileTransaction tx = new FileTransaction()) {
      if (detached == null) {
        tx.lock(loaders.stream().filter(Input::inPlace).map(Input::target).toList());
      }
      for (Input in : loaders) {
        entries.addAll(signOne(tx, signer, in));
      }
      tx.commit();
    }
    report(signer, entries);
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
    if (oldPin != null) {
      throw usage("sign takes the PKCS#11 PIN as --pkcs11-pin " + oldPin + " (--pin is load's bpffs directory)");
    }
    if (pin != null && pkcs11 == null) {
      throw usage("--pkcs11-pin goes with --pkcs11");
    }
    if ((output != null || detached != null) && inputs.size() != 1) {
      throw usage((output != null ? "-o" : "--detached") + " takes one input; " + inputs.size() + " were given");
    }
    if ((output != null || detached != null) && inputs.stream().anyMatch(Reference::isOci)) {
      throw usage("oci:// inputs are signed in the registry: a new signature referrer is pushed; -o and --detached"
          + " are for files (bpfsign pull first)");
    }
    if (output != null && detached != null) {
      throw usage("-o and --detached exclude each other (--detached leaves the loader unchanged)");
    }
  }

  private List<Input> readAll(Scheme chosen) throws IOException, BadInputException {
    List<Input> loaders = new ArrayList<>();
    for (String input : inputs) {
      if (Reference.isOci(input)) {
        PulledLoader pulled = LoaderInput.pull(input, registry, spec.commandLine().getErr());
        LoaderBundle bundle = pulled.loader();
        List<LoaderFile> variants = variantsToSign(bundle, chosen, input);
        for (LoaderFile v : variants) {
          LoaderSigner.requireSignable(v, input);
        }
        loaders.add(new Input(input, bundle, variants, null, Optional.of(pulled)));
        continue;
      }
      Path path = Path.of(input);
      byte[] bytes = InputFiles.read(path, LoaderInput.MAX_LOADER_FILE_SIZE);
      LoaderBundle bundle;
      if (ObjectInput.isElf(bytes)) {
        if (output == null) {
          throw usage(path + " is a BPF object: give -o OUT for the signed loader (the object itself is never"
              + " overwritten)");
        }
        bundle = objectLoader(path, chosen);
      } else {
        bundle = LoaderFileFormat.readBundle(bytes, path.toString());
      }
      List<LoaderFile> variants = variantsToSign(bundle, chosen, input);
      for (LoaderFile v : variants) {
        LoaderSigner.requireSignable(v, path.toString());
      }
      loaders.add(new Input(input, bundle, variants, output != null ? output : path, Optional.empty()));
    }
    return loaders;
  }

  /** The variants to sign: the one --scheme names (the file must have it), else all of them. */
  private List<LoaderFile> variantsToSign(LoaderBundle bundle, Scheme chosen, String input) throws BadInputException {
    List<LoaderFile> variants = chosen == null
        ? bundle.variants() : List.of(SchemeOption.variant(bundle, chosen, input));
    if (detached != null && variants.size() != 1) {
      throw usage("--detached writes one signature: " + input + " holds " + variants.size()
          + " variants (" + SchemeOption.labels(bundle) + "); choose one with --scheme");
    }
    return variants;
  }

  private static List<Scheme> schemes(Scheme chosen) {
    return chosen == null ? List.of(Scheme.values()) : List.of(chosen);
  }

  /** One object given with -o: generated with gen's options (at most one --target), then signed. */
  private LoaderBundle objectLoader(Path path, Scheme chosen) throws IOException, BadInputException {
    if (gen.targets.size() > 1) {
      throw usage("-o takes one target; use -d DIR for " + gen.targets.size() + " targets");
    }
    BatchGen.Result r = BatchGen.one(new BatchGen.Job(path, null, gen.resolveTargets().get(0), schemes(chosen)),
        Mode.SIGNABLE, gen.overrides());
    if (!r.ok()) {
      throw new BadInputException(r.error());
    }
    return r.bundle();
  }

  /**
   * {@code sign OBJ… -d DIR}: every object generated (in parallel, as {@code gen -d}) and signed
   * in this process; an object that fails gets its own line and the others are still written.
   */
  private int signObjects(Scheme chosen) throws IOException, BadInputException {
    if (output != null || detached != null) {
      throw usage((output != null ? "-o" : "--detached") + " and -d exclude each other");
    }
    List<GenOptions.Target> targets = gen.resolveTargets();
    GenOptions.Overrides overrides = gen.overrides();
    LoaderSigner signer = LoaderSigner.create(credentials(),
        new LoaderSigner.Options(allowNonKernelAlgorithm, embedCertificate, Instant.now()));
    PrintWriter err = spec.commandLine().getErr();
    for (String warning : signer.warnings()) {
      err.println("bpfsign: warning: " + warning);
    }
    List<BatchGen.Job> jobs = new ArrayList<>();
    for (GenOptions.Target t : targets) {
      for (String o : inputs) {
        if (o.startsWith(Reference.SCHEME)) {
          throw usage(o + ": -d DIR takes BPF objects; sign published loaders without -d");
        }
        jobs.add(new BatchGen.Job(Path.of(o), null, t, schemes(chosen)));
      }
    }
    List<Path> outputs = BatchGen.outputs(jobs, outputDir, targets.size() > 1, this::usage);
    // signed in the worker that generated it: both are CPU work, and the signer is stateless per call
    List<BatchGen.Result> results = BatchGen.run(jobs, Mode.SIGNABLE, overrides, gen.threads(), (job, bundle) -> {
      LoaderBundle signed = bundle;
      for (LoaderFile v : bundle.variants()) {
        signed = signed.with(v.withSignature(signer.sign(v, v.scheme(), job.object().toString())));
      }
      return signed;
    });
    List<SignReport.Entry> entries = new ArrayList<>();
    int exit = ExitCodes.OK;
    for (int i = 0; i < results.size(); i++) {
      BatchGen.Result r = results.get(i);
      String object = r.job().object().toString();
      if (!r.ok()) {
        err.println("bpfsign: " + r.error());
        entries.add(new SignReport.Entry(object, outputs.get(i).toString(), "failed", null, null, null, null, null,
            r.error()));
        exit = ExitCodes.BAD_INPUT;
        continue;
      }
      LoaderBundle signed = r.bundle();
      if (outputs.get(i).getParent() != null) {
        java.nio.file.Files.createDirectories(outputs.get(i).getParent());
      }
      // a new loader has one signature per variant, the new one
      List<SignatureBlock> added = signed.variants().stream().map(v -> v.signatures().getLast()).toList();
      // each object's loader is its own output: one that fails does not hold back the others (as gen -d)
      try (FileTransaction tx = new FileTransaction()) {
        tx.write(outputs.get(i), LoaderFileFormat.write(signed),
            SignedLoaderFiles.holding(added, signer.credentials().certificate(), outputs.get(i).toString()));
        tx.commit();
      }
      Input in = new Input(object, signed, signed.variants(), outputs.get(i), Optional.empty());
      for (LoaderFile v : signed.variants()) {
        entries.add(entry(signer, in, outputs.get(i).toString(), "signed", v, v.signatures().getLast(),
            v.signatures().size()));
      }
    }
    err.flush();
    report(signer, entries);
    return exit;
  }

  private SigningCredentials credentials() throws BadInputException {
    Map<String, String> env = System.getenv();
    Optional<X509Certificate> certificate = cert == null ? Optional.empty() : Optional.of(Certificates.read(cert));
    if (key != null) {
      return PemKeys.credentials(key, named("--key-pass", keyPass), env, certificate.get());
    }
    if (keystore != null) {
      return Pkcs12Keys.credentials(keystore, alias, named("--store-pass", storePass), env, certificate);
    }
    return Pkcs11Keys.credentials(pkcs11, alias, named("--pkcs11-pin", pin), env, certificate);
  }

  /** The secret, carrying the option that gave it for messages. */
  private static Optional<SecretSpec> named(String option, SecretSpec spec) {
    return Optional.ofNullable(spec).map(s -> new SecretSpec(option, s.kind(), s.reference()));
  }

  /**
   * {@code env:VAR} or {@code file:PATH}, parsed with the options: a malformed one is a usage
   * error (exit 2) like any malformed option value; an unset variable or unreadable file is bad
   * input (exit 3) when the secret is read.
   */
  static final class SecretConverter implements ITypeConverter<SecretSpec> {
    @Override
    public SecretSpec convert(String value) {
      try {
        return SecretSpec.parse("secret", value); // the option name is set in named()
      } catch (BadInputException e) {
        // the value is not repeated: it may be the secret itself
        throw new TypeConversionException("expected env:VARIABLE or file:PATH (a secret is never taken from the"
            + " command line itself)");
      }
    }
  }

  /** What signing one input's chosen variants gives: the new bundle, the new blocks, a report entry per variant. */
  private record Signed(LoaderBundle bundle, List<SignatureBlock> added, List<SignReport.Entry> entries) {}

  /**
   * Signs each chosen variant of one input with its own scheme, and writes the file (or pushes)
   * once. In place, the loader is read again under its lock and signed as it is then: another
   * signer may have added a signature since it was first read.
   */
  private List<SignReport.Entry> signOne(FileTransaction tx, LoaderSigner signer, Input in)
      throws IOException, BadInputException {
    X509Certificate certificate = signer.credentials().certificate();
    if (detached == null && in.inPlace()) {
      Signed[] result = new Signed[1];
      tx.update(in.target(), LoaderInput.MAX_LOADER_FILE_SIZE, current -> {
        LoaderBundle now = LoaderFileFormat.readBundle(current, in.source());
        List<LoaderFile> variants = new ArrayList<>();
        for (LoaderFile chosen : in.variants()) {
          LoaderFile v = now.variant(chosen.scheme()).orElseThrow(() -> new BadInputException(in.source()
              + ": the " + chosen.scheme().label() + " variant is gone (the file changed while it was being signed)"));
          LoaderSigner.requireSignable(v, in.source());
          variants.add(v);
        }
        result[0] = sign(signer, in, now, variants, in.source());
        return result[0].added().isEmpty() ? null : LoaderFileFormat.write(result[0].bundle());
      }, written -> SignedLoaderFiles.holding(result[0].added(), certificate, in.source()).check(written));
      return result[0].entries();
    }
    String output = in.pulled().isPresent() ? ociOutput(in) : in.target().toString();
    if (detached != null) {
      LoaderFile variant = in.variants().getFirst();
      SignatureBlock block = signer.sign(variant, variant.scheme(), in.source());
      tx.write(detached, block.cms().toArray(), FileTransaction.Check.NONE);
      return List.of(entry(signer, in, detached.toString(), "signed", variant, block, variant.signatures().size()));
    }
    Signed result = sign(signer, in, in.bundle(), in.variants(), output);
    if (in.pulled().isPresent()) {
      if (!result.added().isEmpty()) {
        LoaderBundle loader = in.pulled().get().loader();
        for (SignatureBlock block : result.added()) {
          // checked against the certificate before it leaves this host, as a signed file is before its rename
          LoaderFile variant = loader.variant(block.scheme()).orElseThrow();
          KernelCmsVerifier.verify(block.cms().toArray(), variant.signedPayload(block.scheme()).toArray(),
              certificate, in.source());
        }
        registry.registry().pushSignatures(in.pulled().get(), result.added());
      }
    } else {
      tx.write(in.target(), LoaderFileFormat.write(result.bundle()),
          SignedLoaderFiles.holding(result.added(), certificate, in.target().toString()));
    }
    return result.entries();
  }

  private static Signed sign(LoaderSigner signer, Input in, LoaderBundle bundle, List<LoaderFile> variants,
      String output) throws BadInputException {
    List<SignatureBlock> added = new ArrayList<>();
    List<SignReport.Entry> entries = new ArrayList<>();
    for (LoaderFile variant : variants) {
      Optional<SignatureBlock> existing = signer.existingSignature(variant, variant.scheme());
      if (existing.isPresent()) {
        entries.add(entry(signer, in, output, "unchanged", variant, existing.get(), variant.signatures().size()));
        continue;
      }
      SignatureBlock block = signer.sign(variant, variant.scheme(), in.source());
      LoaderFile signed = variant.withSignature(block);
      bundle = bundle.with(signed);
      added.add(block);
      entries.add(entry(signer, in, output, "signed", variant, block, signed.signatures().size()));
    }
    return new Signed(bundle, added, entries);
  }

  private static String ociOutput(Input in) {
    return Reference.SCHEME + in.pulled().orElseThrow().pinned();
  }

  private static SignReport.Entry entry(LoaderSigner signer, Input in, String output, String status, LoaderFile loader,
      SignatureBlock block, int signatures) {
    return new SignReport.Entry(in.source(), output, status, loader.scheme().label(), signer.signerName(),
        loader.insns().sha256().hex(), block.cms().sha256().hex(), signatures, null);
  }

  private void report(LoaderSigner signer, List<SignReport.Entry> entries) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<String> schemes = entries.stream().map(SignReport.Entry::scheme).filter(x -> x != null).distinct().toList();
      Json.print(out, new SignReport(SignReport.SCHEMA, schemes.size() == 1 ? schemes.getFirst() : null,
          signer.signerName(), signer.algorithm().name(), signer.warnings(), entries));
      return;
    }
    for (SignReport.Entry e : entries) {
      if (e.status().equals("failed")) {
        continue; // already on stderr
      }
      if (e.status().equals("unchanged")) {
        out.println(e.path() + ": already signed by this signer for scheme " + e.scheme() + "; unchanged"
            + (e.output().equals(e.path()) ? "" : " (copied to " + e.output() + ")"));
      } else {
        out.println("signed " + e.path() + (e.output().equals(e.path()) ? "" : " -> " + e.output())
            + ": scheme " + e.scheme() + ", " + signer.algorithm().name() + ", insns sha256 " + e.insnsSha256()
            + ", " + Counts.of(e.signatures(), "signature"));
      }
    }
    if (entries.size() > 1) {
      out.println(Counts.of(entries.size(), "loader") + ", signer " + signer.signerName());
    } else {
      out.println("signer " + signer.signerName());
    }
    out.flush();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
