package dev.bpfsign.loader.file;

import dev.bpfsign.loader.Bytes;
import java.util.Arrays;
import java.util.Comparator;
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

  /**
   * The order signature blocks are kept in: by scheme code, then by CMS bytes (unsigned,
   * lexicographic), then excl hash. It depends only on the blocks, so co-signers that sign the
   * same loader concurrently produce the same file whichever of them writes last.
   */
  public static final Comparator<SignatureBlock> CANONICAL_ORDER =
      Comparator.comparingInt((SignatureBlock b) -> b.scheme().code())
          .thenComparing((a, b) -> Arrays.compareUnsigned(a.cms().toArray(), b.cms().toArray()))
          .thenComparing((a, b) -> Arrays.compareUnsigned(a.exclProgHash().toArray(), b.exclProgHash().toArray()));

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
