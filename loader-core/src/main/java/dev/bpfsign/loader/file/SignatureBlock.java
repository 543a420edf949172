package dev.bpfsign.loader.file;

import dev.bpfsign.loader.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * One signature appended to a loader file: the kernel-format CMS (DER, detached) for a scheme,
 * the {@code excl_prog_hash} the loader map is created with (SHA-256 of the instructions), and
 * optional certificates (DER) that help a verifier build a chain. The certificates are hints,
 * never trust: the kernel reads only the CMS.
 */
public record SignatureBlock(Scheme scheme, Bytes cms, Bytes exclProgHash, List<Bytes> certificates) {
  public static final int EXCL_PROG_HASH_SIZE = 32;

  public SignatureBlock {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(cms, "cms");
    Objects.requireNonNull(exclProgHash, "exclProgHash");
    certificates = List.copyOf(certificates);
    if (exclProgHash.length() != EXCL_PROG_HASH_SIZE) {
      throw new IllegalArgumentException("excl_prog_hash must be 32 bytes, not " + exclProgHash.length());
    }
  }

  public SignatureBlock(Scheme scheme, Bytes cms, Bytes exclProgHash) {
    this(scheme, cms, exclProgHash, List.of());
  }
}
