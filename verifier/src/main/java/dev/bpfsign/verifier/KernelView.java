package dev.bpfsign.verifier;

/**
 * How far a kernel's PKCS#7 check of one signature block would get, in the kernel's own order
 * (kernel-signing §3.5): the first failing step decides its errno.
 */
enum KernelView {
  TOO_LARGE,
  MALFORMED,
  NOT_DETACHED,
  CONTENT_TYPE,
  SIGNED_ATTRIBUTES,
  DIGEST_NOT_SHA256,
  ALGORITHM,
  SIGNER_UNKNOWN,
  BAD_SIGNATURE,
  GOOD_SIGNATURE
}
