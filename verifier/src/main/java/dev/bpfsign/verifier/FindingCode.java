package dev.bpfsign.verifier;

/**
 * The stable finding codes of a verdict. Each name appears in JSON and in docs/verdict.md: add
 * codes, never rename or reuse one. A code's severity is fixed here; policy codes are reported
 * as {@link Severity#AUDIT} instead when the policy is in audit mode.
 */
public enum FindingCode {
  // --- signatures -------------------------------------------------------------------------
  /** The loader file carries no signature block. */
  UNSIGNED(Severity.ERROR, false),
  /** The CMS is SignedData but not of the kernel's shape (encoding, versions, algorithms, signers). */
  CMS_MALFORMED(Severity.ERROR, false),
  /** The CMS carries its content (the kernel wants a detached signature). */
  CMS_NOT_DETACHED(Severity.ERROR, false),
  /** The encapsulated content type is not id-data. */
  CMS_CONTENT_TYPE(Severity.ERROR, false),
  /** A SignerInfo uses a digest other than SHA-256. */
  CMS_DIGEST_ALGORITHM(Severity.ERROR, false),
  /** A SignerInfo has signed attributes; the kernel refuses them for BPF signatures. */
  CMS_SIGNED_ATTRIBUTES(Severity.ERROR, false),
  /** The CMS carries certificates; the kernel ignores them for trust (bpftool omits them). */
  CMS_CERTIFICATES(Severity.INFO, false),
  /** The CMS is larger than the kernel accepts (8 KiB with 4 KiB pages). */
  CMS_TOO_LARGE(Severity.ERROR, false),
  /** The signature algorithm is one a kernel cannot verify (e.g. Ed25519, RSA-PSS). */
  ALGORITHM_NOT_KERNEL(Severity.ERROR, false),
  /** The signature does not verify over the payload recomputed from the loader's bytes. */
  SIGNATURE_INVALID(Severity.ERROR, false),
  /** A signature verified by a trusted signer (which one, which scheme). */
  SIGNATURE_VERIFIED(Severity.INFO, false),
  /** The signature block's excl_prog_hash is not SHA-256 of the loader instructions. */
  EXCL_HASH_MISMATCH(Severity.ERROR, false),
  /** The SHA-256 embedded in the loader instructions is not that of the data blob: tampered data. */
  DATA_HASH_MISMATCH(Severity.ERROR, false),
  /** A 6.18-scheme signature does not bind the data blob: the loader has no embedded data hash. */
  DATA_UNBOUND(Severity.ERROR, false),
  /** No signature block verified under a trusted signer (or, when the kernel checks, none it could check). */
  NO_TRUSTED_SIGNATURE(Severity.ERROR, false),
  /** A signature bpfsign did not check: the kernel checks it against its keyring at load ({@code load --trust-keyring}). */
  SIGNATURE_LEFT_TO_KERNEL(Severity.INFO, false),

  // --- signers and certificates -----------------------------------------------------------
  /** No certificate (trusted or supplied) matches the signer identifier. */
  SIGNER_UNKNOWN(Severity.ERROR, false),
  /** The signer's certificate was supplied but does not chain to a trust anchor. */
  SIGNER_UNTRUSTED(Severity.ERROR, false),
  /** A certificate in the signer's chain has expired at the verification time. */
  CERT_EXPIRED(Severity.ERROR, false),
  /** A certificate in the signer's chain is not yet valid at the verification time. */
  CERT_NOT_YET_VALID(Severity.ERROR, false),
  /** The signer's keyUsage does not include digitalSignature. */
  CERT_KEY_USAGE(Severity.ERROR, false),
  /** The policy requires the codeSigning extended key usage and the signer lacks it. */
  CERT_EXTENDED_KEY_USAGE(Severity.ERROR, false),
  /** The chain to the trust anchor does not validate (CA constraints, signatures). */
  CERT_CHAIN_INVALID(Severity.ERROR, false),
  /** A certificate in the signer's chain is listed in a supplied CRL. */
  CERT_REVOKED(Severity.ERROR, false),
  /** A supplied CRL could not be checked (issuer unknown, bad signature) or is past nextUpdate. */
  CRL_UNUSABLE(Severity.WARNING, false),
  /** The signer's key identifier or certificate fingerprint is on the policy's denylist. */
  KEY_DENIED(Severity.ERROR, false),
  /** The loader's digest is on the policy's denylist. */
  LOADER_DENIED(Severity.ERROR, false),

  // --- loader content ---------------------------------------------------------------------
  /** The instructions are not a loader of the shape gen_loader emits (helpers, commands, ranges). */
  LOADER_SHAPE(Severity.ERROR, false),
  /** The loader could not be decoded into a manifest. */
  MANIFEST_UNDECODABLE(Severity.ERROR, false),

  // --- policy -----------------------------------------------------------------------------
  /** No verified, trusted signer is on the policy's allowed-signer list. */
  POLICY_SIGNER_NOT_ALLOWED(Severity.ERROR, true),
  /** Fewer allowed signers than the policy's threshold signed the loader. */
  POLICY_THRESHOLD_NOT_MET(Severity.ERROR, true),
  /** A program's type is not in the policy's allowed program types. */
  POLICY_PROGRAM_TYPE(Severity.ERROR, true),
  /** A program's attach target matches none of the policy's allowed attach targets. */
  POLICY_ATTACH_TARGET(Severity.ERROR, true),
  /** A program calls a helper the policy forbids. */
  POLICY_HELPER_FORBIDDEN(Severity.ERROR, true),
  /** A program calls a kfunc the policy forbids. */
  POLICY_KFUNC_FORBIDDEN(Severity.ERROR, true),
  /** More programs than the policy allows. */
  POLICY_TOO_MANY_PROGRAMS(Severity.ERROR, true),
  /** More maps than the policy allows. */
  POLICY_TOO_MANY_MAPS(Severity.ERROR, true),
  /** The maps' total memory exceeds the policy's limit. */
  POLICY_MAP_MEMORY(Severity.ERROR, true),
  /** A program's license is not in the policy's allowed licenses. */
  POLICY_LICENSE(Severity.ERROR, true),
  /** A policy rule needs the manifest, which could not be decoded. */
  POLICY_UNCHECKABLE(Severity.ERROR, false),

  // --- unreadable parts (added after the first release of this list) ----------------------
  /** A signature block's CMS is not a DER ContentInfo(SignedData) at all; bad input. */
  CMS_UNREADABLE(Severity.ERROR, false),
  /** A certificate carried in a signature block or its CMS does not parse; bad input. */
  CERT_UNREADABLE(Severity.ERROR, false),

  // --- the target record (added with it: docs/targets.md) ----------------------------------
  /** The policy requires a target profile, and the loader records none of the allowed ones. */
  POLICY_TARGET_PROFILE(Severity.ERROR, true),
  /** The loader embeds a kernel release (or version) the policy's kernel releases do not allow. */
  POLICY_KERNEL_RELEASE(Severity.ERROR, true),
  /** The target record contradicts what the signed content holds (a perf array size, a ksym). */
  TARGET_RECORD_MISMATCH(Severity.ERROR, false),

  // --- the verifier itself ----------------------------------------------------------------
  /** A check failed unexpectedly; the verifier refuses rather than guess. */
  INTERNAL_ERROR(Severity.ERROR, false);

  private final Severity severity;
  private final boolean policy;

  FindingCode(Severity severity, boolean policy) {
    this.severity = severity;
    this.policy = policy;
  }

  public Severity severity() {
    return severity;
  }

  /** Whether this code reports a policy rule (so audit mode records it instead of refusing). */
  public boolean isPolicy() {
    return policy;
  }
}
