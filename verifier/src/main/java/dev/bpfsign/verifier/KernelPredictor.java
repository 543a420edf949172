package dev.bpfsign.verifier;

import dev.bpfsign.loader.file.Scheme;
import java.util.List;

/**
 * Predicts what a kernel holding the signer's certificate in the chosen keyring would answer to
 * BPF_PROG_LOAD with one signature block, for each kernel generation (kernel-signing §3.5, §3.7,
 * §3.8). Errno values are Linux x86-64.
 */
final class KernelPredictor {
  static final String KERNEL_6_18 = "6.18";
  static final String KERNEL_2026_07 = "2026-07";

  private KernelPredictor() {}

  static List<KernelPrediction> predict(int block, Scheme scheme, KernelView view, Keyring keyring,
      boolean dataHashMismatch) {
    return List.of(
        one(block, scheme, KERNEL_6_18, view, keyring, dataHashMismatch),
        one(block, scheme, KERNEL_2026_07, view, keyring, dataHashMismatch));
  }

  private static KernelPrediction one(int block, Scheme scheme, String kernel, KernelView view, Keyring keyring,
      boolean dataHashMismatch) {
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
      case BAD_SIGNATURE, GOOD_SIGNATURE -> schemeAnswer(block, scheme, kernel, view == KernelView.GOOD_SIGNATURE, keyring,
          dataHashMismatch);
      case TOO_LARGE -> throw new IllegalStateException("handled above");
    };
  }

  private static KernelPrediction schemeAnswer(int block, Scheme scheme, String kernel, boolean good, Keyring keyring,
      boolean dataHashMismatch) {
    boolean kernelIs618 = kernel.equals(KERNEL_6_18);
    if (kernelIs618 && scheme == Scheme.LINUX_7_3) {
      return no(block, scheme, kernel, keyring, "EKEYREJECTED", 129,
          "signed over instructions ‖ data; this kernel verifies the instructions only");
    }
    if (!kernelIs618 && scheme == Scheme.LINUX_6_18) {
      return no(block, scheme, kernel, keyring, "EACCES", 13,
          "signed over instructions only; this kernel refuses a signed loader that binds its metadata map unfolded");
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
