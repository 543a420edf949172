package dev.bpfsign.verifier;

import dev.bpfsign.loader.file.Scheme;
import java.util.List;

/**
 * Predicts what a kernel holding the signer's certificate in the chosen keyring would answer to
 * BPF_PROG_LOAD with one signature block of a variant, for each kernel generation: Linux 6.18 to
 * 7.2 ({@code 6.18}) and Linux 7.3 and later ({@code 7.3}) (kernel-signing §3.5, §3.7; the
 * cross-generation answers are the ones measured on 7.2 and 7.3-rc7, docs/signing.md). A block is
 * always of its variant's scheme (the file format guarantees it), so the scheme says both which
 * loader and which payload. Errno values are Linux x86-64.
 */
final class KernelPredictor {
  static final String KERNEL_6_18 = "6.18";
  static final String KERNEL_7_3 = "7.3";

  private KernelPredictor() {}

  /**
   * @param scheme the signature block's scheme (its payload)
   * @param loader the variant's scheme (which loader the instructions are); the same in any
   *     file bpfsign reads
   */
  static List<KernelPrediction> predict(int block, Scheme scheme, Scheme loader, KernelView view, Keyring keyring,
      boolean dataHashMismatch) {
    return List.of(
        one(block, scheme, loader, KERNEL_6_18, view, keyring, dataHashMismatch),
        one(block, scheme, loader, KERNEL_7_3, view, keyring, dataHashMismatch));
  }

  private static KernelPrediction one(int block, Scheme scheme, Scheme loader, String kernel, KernelView view,
      Keyring keyring, boolean dataHashMismatch) {
    if (view == KernelView.TOO_LARGE) {
      return no(block, scheme, kernel, keyring, "EINVAL", 22, "signature larger than KMALLOC_MAX_CACHE_SIZE (8 KiB)");
    }
    if (!keyring.resolvesOnMainline()) {
      return no(block, scheme, kernel, keyring, "EINVAL", 22, "keyring id " + keyring.id() + " resolves to no keyring on this kernel");
    }
    return switch (view) {
      case MALFORMED -> no(block, scheme, kernel, keyring, "EBADMSG", 74, "the signature is not a PKCS#7 message");
      case NOT_DETACHED -> no(block, scheme, kernel, keyring, "EINVAL", 22, "the PKCS#7 carries content; the kernel supplies it");
      case CONTENT_TYPE -> no(block, scheme, kernel, keyring, "EKEYREJECTED", 129, "the PKCS#7 content type is not id-data");
      case SIGNED_ATTRIBUTES -> no(block, scheme, kernel, keyring, "EKEYREJECTED", 129, "BPF signatures must not have signed attributes");
      case DIGEST_NOT_SHA256 -> new KernelPrediction(block, scheme.label(), kernel, keyring.name(), "unknown", 0,
          "digest is not SHA-256; bpfsign does not predict other digests");
      case ALGORITHM -> no(block, scheme, kernel, keyring, "ENOPKG", 65, "the kernel has no verifier for this signature algorithm");
      case SIGNER_UNKNOWN -> no(block, scheme, kernel, keyring, "ENOKEY", 126, "no certificate matches the signer id, so no key in the keyring would");
      case BAD_SIGNATURE, GOOD_SIGNATURE -> schemeAnswer(block, scheme, loader, kernel,
          view == KernelView.GOOD_SIGNATURE, keyring, dataHashMismatch);
      case TOO_LARGE -> throw new IllegalStateException("handled above");
    };
  }

  private static KernelPrediction schemeAnswer(int block, Scheme scheme, Scheme loader, String kernel, boolean good,
      Keyring keyring, boolean dataHashMismatch) {
    boolean kernelIs618 = kernel.equals(KERNEL_6_18);
    if (!kernelIs618 && loader == Scheme.LINUX_6_18) {
      return no(block, scheme, kernel, keyring, "EACCES", 13,
          "a 6.18 loader (it checks its own data); Linux 7.3 refuses it, signed or not");
    }
    if (kernelIs618 && scheme == Scheme.LINUX_7_3) {
      return no(block, scheme, kernel, keyring, "EKEYREJECTED", 129,
          "a 7.3 loader signed over instructions ‖ data; Linux 6.18 to 7.2 verify the instructions only");
    }
    if (!kernelIs618 && scheme == Scheme.LINUX_6_18) {
      return no(block, scheme, kernel, keyring, "EKEYREJECTED", 129,
          "signed over the instructions only; Linux 7.3 verifies instructions ‖ data");
    }
    if (!good) {
      return no(block, scheme, kernel, keyring, "EKEYREJECTED", 129, "the signature does not verify over the loader's bytes");
    }
    String reason = "the signature verifies over " + (scheme == Scheme.LINUX_6_18 ? "the instructions" : "instructions ‖ data");
    if (dataHashMismatch && scheme == Scheme.LINUX_6_18) {
      reason += "; the loader then fails with EINVAL when run (data hash mismatch)";
    }
    return new KernelPrediction(block, scheme.label(), kernel, keyring.name(), "accept", 0, reason);
  }

  private static KernelPrediction no(int block, Scheme scheme, String kernel, Keyring keyring, String name, int errno,
      String reason) {
    return new KernelPrediction(block, scheme.label(), kernel, keyring.name(), name, errno, reason);
  }
}
