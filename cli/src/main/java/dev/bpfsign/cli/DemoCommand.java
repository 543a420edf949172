package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ManifestMap;
import dev.bpfsign.loader.emu.ManifestProgram;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.runtime.BpfRuntime;
import dev.bpfsign.runtime.KernelRefusedException;
import dev.bpfsign.runtime.LoadOptions;
import dev.bpfsign.runtime.LoadedObjects;
import dev.bpfsign.runtime.ObjectDescription;
import dev.bpfsign.signer.LoaderSigner;
import dev.bpfsign.signer.PemKeys;
import dev.bpfsign.signer.SigningCredentials;
import dev.bpfsign.verifier.AdmittedLoader;
import dev.bpfsign.verifier.Finding;
import dev.bpfsign.verifier.TrustStore;
import dev.bpfsign.verifier.Verdict;
import dev.bpfsign.verifier.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The main job on embedded defaults: the bundled sample object and test signer go through
 * generate → sign → verify → load, the same library calls the single commands make. Loading
 * needs a kernel with BPF and the privileges for it; where the host lacks them the demo says
 * why in one line and still succeeds, because everything before it has run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Generate, sign, verify and load a bundled sample BPF object with a bundled test key.",
      "Loading happens only where this host allows BPF; otherwise the demo says why."
    })
final class DemoCommand implements Callable<Integer> {
  private static final String RESOURCES = "/dev/bpfsign/cli/demo/";
  static final String OBJECT = "sample.bpf.o";
  /** The sample's object name, as {@code bpftool gen skeleton … name maps_basic} would set it. */
  private static final String OBJECT_NAME = "maps_basic";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, BadInputException {
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("bpfsign-demo-");
    try {
      Path key = extract(work, "demo-signer.key.pem");
      Path cert = extract(work, "demo-signer.cert.pem");
      byte[] object = resource(OBJECT);
      out.println("bpfsign demo: bundled sample object (" + object.length + " bytes) and the bundled test signer");
      out.println("(its private key is public: never trust the demo certificate on a real host)");
      out.println();

      LoaderFile loader = generate(object);
      out.printf("1. generate  signable loader '%s': %d instructions, %d bytes of data%n",
          loader.name(), loader.insnCount(), loader.data().length());
      out.println("             instructions sha256 " + loader.insns().sha256().hex());

      X509Certificate certificate = certificate(cert);
      SigningCredentials credentials = PemKeys.credentials(key, Optional.empty(), Map.of(), certificate);
      LoaderSigner signer = LoaderSigner.create(credentials, LoaderSigner.Options.defaults(Instant.now()));
      SignatureBlock signature = signer.sign(loader, Scheme.LINUX_6_18, OBJECT);
      LoaderFile signed = loader.withSignature(signature);
      out.printf("2. sign      scheme %s (the kernel verifies the instructions), %s, by %s%n",
          signature.scheme().label(), signer.algorithm().name(), signer.signerName());

      Verdict verdict = Verifier.builder().trust(TrustStore.of(List.of(certificate))).build().verify(signed);
      out.println("3. verify    " + (verdict.admitted() ? "VERIFIED" : "NOT VERIFIED"));
      for (Finding f : verdict.findings()) {
        out.println("             " + f.severity() + " " + f.code() + ": " + f.message());
      }
      printManifest(out, Manifest.of(signed));
      if (verdict.admittedLoader().isEmpty()) {
        out.println("4. load      not attempted: the loader was not admitted");
        return ExitCodes.OK;
      }
      load(out, verdict.admittedLoader().get());
      return ExitCodes.OK;
    } finally {
      deleteTree(work);
    }
  }

  private static LoaderFile generate(byte[] object) throws BadInputException {
    BpfObject obj = ObjectReader.read(OBJECT, object, GenInputs.named(OBJECT_NAME));
    return LoaderGenerator.loaderFile(obj, Mode.SIGNABLE);
  }

  private static void printManifest(PrintWriter out, Manifest manifest) {
    out.println("             the loader will create (decoded by running it in the emulator):");
    out.printf("               btf      %d bytes%n", manifest.btf().size());
    for (ManifestMap m : manifest.maps()) {
      out.printf("               map      %-16s %-18s key %d, value %d, max_entries %d%n",
          m.name(), m.typeName(), m.keySize(), m.valueSize(), m.maxEntries());
    }
    for (ManifestProgram p : manifest.programs()) {
      String attach = p.attachTarget() == null || p.attachTarget().isEmpty() ? "" : " → " + p.attachTarget();
      out.printf("               program  %-16s %-18s %d insns%s, helpers %s%n",
          p.name(), p.typeName(), p.insnCount(), attach, p.helpers());
    }
  }

  private static void load(PrintWriter out, AdmittedLoader admitted) throws BadInputException {
    try (LoadedObjects objects = BpfRuntime.load(admitted, LoadOptions.DEFAULT)) {
      out.println("4. load      loaded into this kernel (gate: " + objects.gate().label() + "):");
      for (ObjectDescription d : objects.describe()) {
        out.printf("               %-8s %-16s id %-6d %s%n", d.kind().label(), d.name(), d.id(), d.typeName());
      }
      out.println("             closed again as the demo exits; `bpfsign load --pin DIR` keeps them");
    } catch (KernelRefusedException e) {
      out.println("4. load      not loaded here: " + e.getMessage());
    } catch (LinkageError | UnsupportedOperationException e) {
      out.println("4. load      not loaded here: this platform has no bpf() system call (" + e.getMessage() + ")");
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("demo resource " + name + " is missing from this build");
      }
      return in.readAllBytes();
    }
  }

  static Path extract(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, resource(name));
    return file;
  }

  private static X509Certificate certificate(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (java.security.cert.CertificateException e) {
      throw new IOException("demo certificate does not parse: " + e.getMessage(), e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
