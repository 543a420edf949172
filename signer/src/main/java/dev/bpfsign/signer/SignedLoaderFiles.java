package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.loader.io.FileTransaction;
import java.security.cert.X509Certificate;

/**
 * The check a freshly signed loader passes before it replaces anything: read back from disk,
 * parsed, it holds the new signature block, and that signature verifies with the certificate.
 */
public final class SignedLoaderFiles {
  private SignedLoaderFiles() {}

  /** A check for {@link FileTransaction} that the written file carries {@code block}, valid for {@code cert}. */
  public static FileTransaction.Check holding(SignatureBlock block, X509Certificate cert, String name) {
    return written -> {
      LoaderFile onDisk = LoaderFileFormat.read(written, name + " (as written)");
      if (!onDisk.signatures().contains(block)) {
        throw new BadInputException(name + " (as written): the new signature is missing");
      }
      KernelCmsVerifier.verify(block.cms().toArray(), onDisk.signedPayload(block.scheme()).toArray(), cert,
          name + " (as written)");
    };
  }
}
