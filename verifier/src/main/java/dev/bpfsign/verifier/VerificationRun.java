package dev.bpfsign.verifier;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One verification of one loader: runs every check, each inside a guard that turns any
 * unexpected exception into an {@link FindingCode#INTERNAL_ERROR} finding, and collects
 * findings, signers and kernel predictions for the {@link Verdict}.
 */
final class VerificationRun {
  /** The kernel bound on signature_size (KMALLOC_MAX_CACHE_SIZE with 4 KiB pages). */
  static final int KERNEL_MAX_SIGNATURE = 8192;

  private final Verifier verifier;
  private final LoaderFile loader;
  private final Instant at;
  private final LoaderDigests digests;
  final List<Finding> findings = new ArrayList<>();
  final List<SignerReport> signers = new ArrayList<>();
  final List<X509Certificate> signerCerts = new ArrayList<>();
  final List<KernelPrediction> kernel = new ArrayList<>();
  private boolean dataHashMismatch;
  /** Whether a signature of the loader's scheme, kernel-shaped, was left to the kernel to check. */
  private boolean leftToKernel;
  Optional<dev.bpfsign.loader.emu.Manifest> manifest = Optional.empty();

  VerificationRun(Verifier verifier, LoaderFile loader, Instant at) {
    this.verifier = verifier;
    this.loader = loader;
    this.at = at;
    this.digests = new LoaderDigests(loader);
  }

  LoaderDigests digests() {
    return digests;
  }

  void add(Finding f) {
    findings.add(f);
  }

  /** Runs one check; any exception it throws refuses admission instead of escaping. */
  void guard(String what, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      add(Finding.of(FindingCode.INTERNAL_ERROR, what + ": check failed unexpectedly: " + e));
    }
  }

  void run() {
    guard("data binding", this::dataBinding);
    guard("loader content", this::content);
    if (loader.signatures().isEmpty()) {
      add(Finding.of(FindingCode.UNSIGNED, "the loader carries no signature"));
    }
    for (int i = 0; i < loader.signatures().size(); i++) {
      final int index = i;
      guard("signature " + i, () -> signatureBlock(index, loader.signatures().get(index)));
    }
    if (verifier.signaturesCheckedByKernel()) {
      if (!loader.signatures().isEmpty() && !leftToKernel) {
        add(Finding.of(FindingCode.NO_TRUSTED_SIGNATURE, "no " + loader.scheme().label() + "-scheme signature in the"
            + " shape a kernel checks, for the kernel to check"));
      }
      Policy p = verifier.policy();
      if (!p.deniedKeys().isEmpty() || p.requireCodeSigning()) {
        // fail closed: these rules read the signer's certificate, which nothing here has checked
        add(PolicyCheck.finding(p, FindingCode.POLICY_SIGNER_NOT_ALLOWED, "the policy's "
            + (p.requireCodeSigning() ? "codeSigning requirement" : "denied signer keys")
            + " cannot be checked when the kernel checks the signature (--trust-keyring): give --trust instead"));
      }
    } else if (!loader.signatures().isEmpty() && signers.stream().noneMatch(SignerReport::counts)) {
      add(Finding.of(FindingCode.NO_TRUSTED_SIGNATURE, "no signature verified under a trusted signer"));
    }
    guard("loader denylist", this::loaderDenylist);
    guard("policy", () -> PolicyCheck.signers(verifier.policy(), signers, signerCerts, this));
    guard("policy content", () -> PolicyCheck.content(verifier.policy(), manifest, this));
    guard("target record", () -> TargetRules.consistency(loader, manifest, this));
    guard("policy target", () -> TargetRules.policy(verifier.policy(), loader.target(), this));
  }

  /** The embedded hash of the data blob, and whether the signatures bind the data at all. */
  private void dataBinding() {
    Optional<Bytes> embedded = verifier.embeddedHash(loader, digests.insns());
    if (embedded.isPresent() && !embedded.get().equals(digests.data())) {
      dataHashMismatch = true;
      add(Finding.of(FindingCode.DATA_HASH_MISMATCH, "tampered data: the instructions embed SHA-256 "
          + embedded.get().hex() + " but the data blob hashes to " + digests.data().hex()
          + " (the loader would fail with EINVAL when run)"));
    }
    boolean has618 = loader.signatures().stream().anyMatch(b -> b.scheme() == Scheme.LINUX_6_18);
    if (has618 && embedded.isEmpty()) {
      add(Finding.of(FindingCode.DATA_UNBOUND, "a 6.18-scheme signature covers the instructions only, and this "
          + loader.mode().label() + " loader embeds no hash of its data blob: the data is unsigned"));
    }
  }

  /** The loader's shape and its manifest, decoded by emulation (cached by content digest). */
  private void content() {
    LoaderContent c = verifier.content(loader, digests);
    for (dev.bpfsign.loader.emu.ShapeProblem p : c.shape()) {
      add(Finding.of(FindingCode.LOADER_SHAPE, (p.insn() >= 0 ? "insn " + p.insn() + ": " : "") + p.code() + ": "
          + p.message()));
    }
    if (c.manifest().isEmpty()) {
      add(Finding.of(FindingCode.MANIFEST_UNDECODABLE, "cannot decode what the loader creates: " + c.manifestProblem()));
    }
    manifest = c.manifest();
  }

  private void signatureBlock(int index, SignatureBlock block) {
    String where = "signature " + index + " (" + block.scheme().label() + ")";
    if (!block.exclProgHash().equals(digests.insns())) {
      add(Finding.of(FindingCode.EXCL_HASH_MISMATCH, where + ": excl_prog_hash " + block.exclProgHash().hex()
          + " is not SHA-256 of the instructions " + digests.insns().hex()));
    }
    KernelView view = cmsChecks(index, block, where);
    if (verifier.signaturesCheckedByKernel()) {
      return; // no prediction: which keys the kernel's keyring holds is not known here
    }
    kernel.addAll(KernelPredictor.predict(index, block.scheme(), loader.scheme(), view, verifier.keyring(), dataHashMismatch));
  }

  /** Checks the CMS and its signers; returns how far a kernel would get with it. */
  private KernelView cmsChecks(int index, SignatureBlock block, String where) {
    boolean tooLarge = block.cms().length() > KERNEL_MAX_SIGNATURE;
    if (tooLarge) {
      add(Finding.of(FindingCode.CMS_TOO_LARGE, where + ": CMS of " + block.cms().length()
          + " bytes exceeds the kernel's " + KERNEL_MAX_SIGNATURE));
    }
    CmsEnvelope cms;
    try {
      cms = verifier.parseCms(block.cms());
    } catch (KernelCms.MalformedCmsException e) {
      add(Finding.of(e.unreadable() ? FindingCode.CMS_UNREADABLE : FindingCode.CMS_MALFORMED, where + ": " + e.getMessage()));
      signers.add(new SignerReport(index, block.scheme().label(), "?", Optional.empty(), false, false, List.of()));
      signerCerts.add(null);
      return tooLarge ? KernelView.TOO_LARGE : KernelView.MALFORMED;
    }
    KernelView shape = tooLarge ? KernelView.TOO_LARGE : null;
    if (!cms.detached()) {
      add(Finding.of(FindingCode.CMS_NOT_DETACHED, where + ": the CMS carries its content; a kernel signature is detached"));
      shape = shape == null ? KernelView.NOT_DETACHED : shape;
    }
    if (!CmsEnvelope.ID_DATA.equals(cms.contentTypeOid())) {
      add(Finding.of(FindingCode.CMS_CONTENT_TYPE, where + ": content type " + cms.contentTypeOid() + " is not id-data"));
      shape = shape == null ? KernelView.CONTENT_TYPE : shape;
    }
    if (!cms.certificates().isEmpty()) {
      add(Finding.of(FindingCode.CMS_CERTIFICATES, where + ": the CMS carries " + cms.certificates().size()
          + " certificate(s); they help find the signer but are never trusted by themselves"));
    }
    List<X509Certificate> pool = pool(block, cms, where);
    KernelView best = null;
    for (int s = 0; s < cms.signers().size(); s++) {
      String signerWhere = cms.signers().size() == 1 ? where : where + " signer " + s;
      KernelView v = signer(index, block.scheme(), cms.signers().get(s), pool, signerWhere);
      if (best == null || v.ordinal() > best.ordinal()) {
        best = v;
      }
    }
    return shape != null ? shape : best;
  }

  /** Untrusted certificates that may help find the signer and a chain: supplied, in the block, in the CMS. */
  private List<X509Certificate> pool(SignatureBlock block, CmsEnvelope cms, String where) {
    if (block.certificates().isEmpty() && cms.certificates().isEmpty()) {
      return verifier.intermediates().certificates();
    }
    List<X509Certificate> pool = new ArrayList<>(verifier.intermediates().certificates());
    List<byte[]> ders = new ArrayList<>();
    block.certificates().forEach(b -> ders.add(b.toArray()));
    ders.addAll(cms.certificates());
    for (int i = 0; i < ders.size(); i++) {
      try {
        pool.add(CertificateFiles.parseCertificate(ders.get(i), where + " certificate " + i));
      } catch (BadInputException e) {
        add(Finding.of(FindingCode.CERT_UNREADABLE, e.getMessage()));
      }
    }
    return pool;
  }

  private KernelView signer(int index, Scheme scheme, CmsSigner s, List<X509Certificate> pool, String where) {
    String id = s.describe();
    Runnable unverified = () -> {
      signers.add(new SignerReport(index, scheme.label(), id, Optional.empty(), false, false, List.of()));
      signerCerts.add(null);
    };
    if (s.signedAttributes()) {
      add(Finding.of(FindingCode.CMS_SIGNED_ATTRIBUTES, where + ": signer " + id
          + " has signed attributes; the kernel refuses them for BPF signatures"));
      unverified.run();
      return KernelView.SIGNED_ATTRIBUTES;
    }
    Optional<String> notKernel = DigestSignature.notKernel(s.signatureOid());
    if (notKernel.isPresent()) {
      add(Finding.of(FindingCode.ALGORITHM_NOT_KERNEL, where + ": signer " + id + " signs with "
          + notKernel.get() + ", which a kernel cannot verify"));
      unverified.run();
      return KernelView.ALGORITHM;
    }
    if (!CmsEnvelope.SHA256.equals(s.digestOid())) {
      add(Finding.of(FindingCode.CMS_DIGEST_ALGORITHM, where + ": signer " + id + " uses digest " + s.digestOid()
          + ", not SHA-256"));
      unverified.run();
      return KernelView.DIGEST_NOT_SHA256;
    }
    if (verifier.signaturesCheckedByKernel()) {
      add(Finding.of(FindingCode.SIGNATURE_LEFT_TO_KERNEL, where + ": signer " + id + " not checked by bpfsign: the"
          + " kernel checks the signature against the " + verifier.keyring().name() + " keyring when it loads the loader"));
      unverified.run();
      leftToKernel |= scheme == loader.scheme();
      return KernelView.SIGNER_UNKNOWN;
    }
    List<X509Certificate> candidates = candidates(s, pool);
    if (candidates.isEmpty()) {
      add(Finding.of(FindingCode.SIGNER_UNKNOWN, where + ": no trusted or supplied certificate matches " + id));
      unverified.run();
      return KernelView.SIGNER_UNKNOWN;
    }
    byte[] digest = digests.payload(scheme).toArray();
    X509Certificate verifiedBy = null;
    String keyProblem = null;
    for (X509Certificate c : candidates) {
      try {
        if (DigestSignature.verify(c.getPublicKey(), s.signatureOid(), digest, s.signature())) {
          verifiedBy = c;
          break;
        }
      } catch (GeneralSecurityException e) {
        // the JDK's words name its providers; what matters is that this key cannot check it
        keyProblem = "its " + c.getPublicKey().getAlgorithm() + " key cannot check a signature of algorithm "
            + s.signatureOid();
      }
    }
    X509Certificate shown = verifiedBy != null ? verifiedBy : candidates.get(0);
    CertIds ids = verifier.ids(shown);
    if (verifiedBy == null) {
      add(Finding.of(FindingCode.SIGNATURE_INVALID, where + ": the signature by '" + ids.subject()
          + "' does not verify over " + payloadName(scheme) + (keyProblem != null ? " (" + keyProblem + ")" : "")));
      signers.add(new SignerReport(index, scheme.label(), id, Optional.of(ids), false, false, List.of()));
      signerCerts.add(shown);
      return KernelView.BAD_SIGNATURE;
    }
    SignerTrust.Result trust = verifier.trust(verifiedBy, ids, pool, at);
    trust.findings().forEach(f -> add(new Finding(f.code(), f.severity(), where + ": " + f.message())));
    List<String> chain = trust.chain().stream().map(c -> verifier.ids(c).subject()).toList();
    signers.add(new SignerReport(index, scheme.label(), id, Optional.of(ids), true, trust.trusted(), chain));
    signerCerts.add(verifiedBy);
    if (trust.trusted()) {
      add(Finding.of(FindingCode.SIGNATURE_VERIFIED, where + ": signed by '" + ids.subject() + "' (sha256 "
          + ids.fingerprint() + ") over " + payloadName(scheme)));
    }
    return KernelView.GOOD_SIGNATURE;
  }

  private static String payloadName(Scheme scheme) {
    return scheme == Scheme.LINUX_6_18 ? "the instructions" : "instructions ‖ data";
  }

  /** Certificates matching the signer id: trust anchors first, then the pool. */
  private List<X509Certificate> candidates(CmsSigner s, List<X509Certificate> pool) {
    List<X509Certificate> out = new ArrayList<>();
    CertIndex anchors = verifier.trust().index();
    if (s.skid().isPresent()) {
      String skid = HexFormat.of().formatHex(s.skid().get());
      anchors.bySkid(skid).forEach(i -> out.add(anchors.get(i)));
      for (X509Certificate c : pool) {
        if (verifier.ids(c).skid().map(skid::equals).orElse(false) && !out.contains(c)) {
          out.add(c);
        }
      }
    } else if (s.issuer().isPresent() && s.serial().isPresent()) {
      anchors.byIssuerSerial(s.issuer().get(), s.serial().get()).forEach(i -> out.add(anchors.get(i)));
      for (X509Certificate c : pool) {
        if (c.getIssuerX500Principal().equals(s.issuer().get()) && c.getSerialNumber().equals(s.serial().get())
            && !out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private void loaderDenylist() {
    List<String> denied = verifier.policy().deniedLoaders();
    if (denied.isEmpty()) {
      return;
    }
    if (denied.contains(digests.insns().hex())) {
      add(Finding.of(FindingCode.LOADER_DENIED, "the loader's instruction digest " + digests.insns().hex() + " is denied by the policy"));
    } else if (denied.contains(digests.insnsAndData().hex())) {
      add(Finding.of(FindingCode.LOADER_DENIED, "the loader's digest " + digests.insnsAndData().hex() + " is denied by the policy"));
    }
  }
}
