package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.io.FileTransaction;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The check a freshly signed loader passes before it replaces anything: read back from disk and
 * parsed, each variant that was signed holds its new signature block, and that signature
 * verifies with the certificate over the variant's payload.
 */
public final class SignedLoaderFiles {
  private SignedLoaderFiles() {}

  /** A check for {@link FileTransaction} that the written file carries every block of {@code added}, valid for {@code cert}. */
  public static FileTransaction.Check holding(List<SignatureBlock> added, X509Certificate cert, String name) {
    return written -> {
      LoaderBundle onDisk = LoaderFileFormat.readBundle(written, name + " (as written)");
      for (SignatureBlock block : added) {
        LoaderFile variant = onDisk.variant(block.scheme())
            .filter(v -> v.signatures().contains(block))
            .orElseThrow(() -> new BadInputException(name + " (as written): the new " + block.scheme().label()
                + " signature is missing"));
        KernelCmsVerifier.verify(block.cms().toArray(), variant.signedPayload().toArray(), cert,
            name + " (" + variant.scheme().label() + " variant, as written)");
      }
    };
  }
}
