package dev.bpfsign.signer;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Case directories for the VM test program (signed-load.c): one loader variant's bytes, its
 * signature, scheme and ctx layout, or a dual artefact (one subdirectory per variant) from which
 * the program picks by probing the kernel, as {@code bpfsign load} does.
 */
final class KernelCases {
  private KernelCases() {}

  /**
   * A case whose loader map is exclusive to SHA-256 of the instructions actually loaded, as
   * bpfsign's runtime creates it (it hashes what it loads rather than trusting the block's copy).
   */
  static void add(Initramfs image, String dir, LoaderFile loader, byte[] insns, byte[] data, SignatureBlock sig) {
    add(image, dir, loader, insns, data, sig, dev.bpfsign.loader.Bytes.of(insns).sha256().toArray());
  }

  /** A case with an explicit excl_prog_hash for the loader map. */
  static void add(Initramfs image, String dir, LoaderFile loader, byte[] insns, byte[] data, SignatureBlock sig,
      byte[] exclHash) {
    image.directory(dir)
        .file(dir + "/insns.bin", insns, false)
        .file(dir + "/data.bin", data, false)
        .file(dir + "/sig.bin", sig.cms().toArray(), false)
        .file(dir + "/excl_hash.bin", exclHash, false)
        .file(dir + "/ctx_size", (loader.ctx().size() + "\n").getBytes(StandardCharsets.US_ASCII), false)
        .file(dir + "/scheme", (loader.scheme().label() + "\n").getBytes(StandardCharsets.US_ASCII), false)
        .file(dir + "/layout", (loader.ctx().maps().size() + " " + loader.ctx().programs().size() + "\n")
            .getBytes(StandardCharsets.US_ASCII), false);
  }

  static void add(Initramfs image, String dir, LoaderFile signed) {
    add(image, dir, signed, signed.insns().toArray(), signed.data().toArray(), signed.signatures().getFirst());
  }

  /**
   * The fleet artefact exactly as {@code bpfsign gen} + {@code bpfsign sign} make it: both variants of
   * a fixture, each signed with its own scheme by the RSA test signer, through the loader file format.
   */
  static LoaderBundle dualArtefact(String fixture) throws Exception {
    LoaderBundle generated = LoaderGenerator.bundle(
        ObjectReader.read(fixture + ".bpf.o", Fixtures.object(fixture), GenInputs.named(fixture)),
        Mode.SIGNABLE, List.of(Scheme.values()));
    LoaderSigner signer = Material.signer(TestKeys.SIGNER_RSA3072);
    List<LoaderFile> signed = new ArrayList<>();
    for (LoaderFile v : generated.variants()) {
      signed.add(v.withSignature(signer.sign(v, v.scheme(), fixture)));
    }
    byte[] file = LoaderFileFormat.write(new LoaderBundle(signed));
    return LoaderFileFormat.readBundle(file, fixture + ".bin");
  }

  static void addDual(Initramfs image, String dir, LoaderBundle artefact) {
    image.directory(dir);
    for (LoaderFile v : artefact.variants()) {
      add(image, dir + "/" + v.scheme().label(), v);
    }
  }
}
