package dev.bpfsign.verifier;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.EmbeddedHash;
import dev.bpfsign.loader.file.CtxLayout;
import java.nio.ByteOrder;
import dev.bpfsign.loader.file.LoaderFile;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admission check. Build one per trust configuration and reuse it: trust, intermediates,
 * CRLs and policy are parsed once, and per-certificate results are cached.
 *
 * <pre>{@code
 * Verifier v = Verifier.builder().trust(TrustStore.load(paths)).policy(policy).build();
 * Verdict verdict = v.verify(loader);
 * verdict.admittedLoader().ifPresent(runtime::load);
 * }</pre>
 *
 * {@link #verify} never throws for anything about the loader: every problem, expected or not,
 * is a finding, and any finding that refuses leaves the verdict not admitted. It is thread-safe.
 */
public final class Verifier {
  private static final int CACHE_LIMIT = 4096;

  private final TrustStore trust;
  private final CertIndex intermediates;
  private final Policy policy;
  private final Optional<Instant> at;
  private final Clock clock;
  private final boolean strict;
  private final Keyring keyring;
  private final boolean signaturesCheckedByKernel;
  private final SignerTrust signerTrust;
  private final Map<Identity, CertIds> ids = new ConcurrentHashMap<>();
  private final Map<TrustKey, SignerTrust.Result> trustResults = new ConcurrentHashMap<>();
  private final Map<Bytes, CmsEnvelope> parsedCms = new ConcurrentHashMap<>();
  private final Map<ContentKey, LoaderContent> contents = new ConcurrentHashMap<>();
  private final Map<Bytes, Optional<Bytes>> embeddedHashes = new ConcurrentHashMap<>();

  /** Everything a loader's shape and manifest depend on. */
  private record ContentKey(Bytes insnsSha256, Bytes dataSha256, CtxLayout ctx, ByteOrder order) {}

  /**
   * A certificate compared by identity: the trust store and intermediates hand out the same
   * instances every time, and comparing by identity avoids re-reading the DER for each lookup.
   */
  private record Identity(X509Certificate cert) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.cert == cert;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(cert);
    }
  }

  private record TrustKey(Identity signer, Instant at) {}

  private Verifier(Builder b) {
    this.trust = b.trust;
    this.intermediates = new CertIndex(b.intermediates);
    this.policy = b.policy;
    this.at = b.at;
    this.clock = b.clock;
    this.strict = b.strict;
    this.keyring = b.keyring;
    this.signaturesCheckedByKernel = b.signaturesCheckedByKernel;
    this.signerTrust = new SignerTrust(trust.index(), b.crls, policy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies one loader. The verdict is admitted only if every check passed. */
  public Verdict verify(LoaderFile loader) {
    Objects.requireNonNull(loader, "loader");
    Instant when = at.orElseGet(clock::instant);
    VerificationRun run = new VerificationRun(this, loader, when);
    run.guard("verification", run::run);
    LoaderSummary summary = new LoaderSummary(loader.name(), loader.mode().label(), loader.insnCount(),
        loader.data().length(), run.digests().insns().hex(), run.digests().data().hex(), loader.target());
    return new Verdict(loader, summary, run.findings, run.signers, run.kernel, run.manifest, when, policy.mode(), strict,
        signaturesCheckedByKernel);
  }

  public Policy policy() {
    return policy;
  }

  public TrustStore trust() {
    return trust;
  }

  public Keyring keyring() {
    return keyring;
  }

  /** Whether signatures are left to the kernel's keyring instead of checked against {@link #trust()}. */
  public boolean signaturesCheckedByKernel() {
    return signaturesCheckedByKernel;
  }

  CertIndex intermediates() {
    return intermediates;
  }

  CertIds ids(X509Certificate c) {
    if (ids.size() > CACHE_LIMIT) {
      ids.clear();
    }
    return ids.computeIfAbsent(new Identity(c), k -> CertIds.of(k.cert()));
  }

  /** The loader's shape problems and manifest, decoded once per distinct content. */
  LoaderContent content(LoaderFile loader, LoaderDigests digests) {
    ContentKey key = new ContentKey(digests.insns(), digests.data(), loader.ctx(), loader.order());
    LoaderContent cached = contents.get(key);
    if (cached != null) {
      return cached;
    }
    LoaderContent c = LoaderContent.of(loader);
    if (contents.size() > CACHE_LIMIT) {
      contents.clear();
    }
    contents.put(key, c);
    return c;
  }

  /** The data hash the instructions embed (empty for undecodable instructions), once per instruction digest. */
  Optional<Bytes> embeddedHash(LoaderFile loader, Bytes insnsSha256) {
    Optional<Bytes> cached = embeddedHashes.get(insnsSha256);
    if (cached != null) {
      return cached;
    }
    Optional<Bytes> found;
    try {
      found = EmbeddedHash.find(loader);
    } catch (BadInputException e) {
      found = Optional.empty(); // the shape check reports undecodable instructions
    }
    if (embeddedHashes.size() > CACHE_LIMIT) {
      embeddedHashes.clear();
    }
    embeddedHashes.put(insnsSha256, found);
    return found;
  }

  /**
   * The parsed CMS of a signature block. Parsing is a pure function of the bytes, so repeated
   * verifications of the same loader reuse it; the signature itself is verified every time.
   */
  CmsEnvelope parseCms(Bytes der) throws KernelCms.MalformedCmsException {
    CmsEnvelope cached = parsedCms.get(der);
    if (cached != null) {
      return cached;
    }
    CmsEnvelope parsed = KernelCms.parse(der);
    if (parsedCms.size() > CACHE_LIMIT) {
      parsedCms.clear();
    }
    parsedCms.put(der, parsed);
    return parsed;
  }

  /** The signer's trust at a time; cached when the pool is only the configured intermediates. */
  SignerTrust.Result trust(X509Certificate signer, CertIds signerIds, List<X509Certificate> pool, Instant when) {
    if (pool != intermediates.certificates()) {
      return signerTrust.evaluate(signer, signerIds, pool, when);
    }
    if (trustResults.size() > CACHE_LIMIT) {
      trustResults.clear();
    }
    return trustResults.computeIfAbsent(new TrustKey(new Identity(signer), when),
        k -> signerTrust.evaluate(signer, signerIds, pool, when));
  }

  /** Configures a {@link Verifier}; unset settings fail closed (no trust) or are neutral. */
  public static final class Builder {
    private TrustStore trust = TrustStore.empty();
    private List<X509Certificate> intermediates = List.of();
    private List<X509CRL> crls = List.of();
    private Policy policy = Policy.permissive();
    private Optional<Instant> at = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private boolean strict;
    private Keyring keyring = Keyring.SESSION;
    private boolean signaturesCheckedByKernel;

    private Builder() {}

    /** The trust anchors (default: none, so nothing is admitted). */
    public Builder trust(TrustStore v) {
      trust = Objects.requireNonNull(v, "trust");
      return this;
    }

    /** Untrusted certificates that help find signers and build chains to the trust anchors. */
    public Builder intermediates(List<X509Certificate> v) {
      intermediates = List.copyOf(v);
      return this;
    }

    /** CRLs; a listed certificate in a signer's chain refuses admission. */
    public Builder crls(List<X509CRL> v) {
      crls = List.copyOf(v);
      return this;
    }

    public Builder policy(Policy v) {
      policy = Objects.requireNonNull(v, "policy");
      return this;
    }

    /** Check certificates at this time instead of the clock's current time. */
    public Builder at(Instant v) {
      at = Optional.of(v);
      return this;
    }

    /** The clock used when no fixed time is set (default: the system clock, UTC). */
    public Builder clock(Clock v) {
      clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    /** Warnings refuse admission too. */
    public Builder strict(boolean v) {
      strict = v;
      return this;
    }

    /** The keyring the kernel prediction assumes the signer's certificate is in (default: session). */
    public Builder keyring(Keyring v) {
      keyring = Objects.requireNonNull(v, "keyring");
      return this;
    }

    /**
     * Leave the signatures to the kernel: every other check runs as usual, the loader must carry
     * a signature of its variant's scheme in the shape a kernel checks, and the verdict admits
     * it only on condition that the kernel verifies that signature against {@link #keyring} when
     * the runtime loads it ({@link AdmittedLoader#signatureLeftToKernel()}). For hosts whose
     * trust is a kernel keyring rather than certificate files. The trust store must be empty, and
     * the keyring one that its owner controls: a session, user, process or thread keyring takes
     * keys from any process that holds it.
     *
     * @throws IllegalArgumentException at {@link #build()} when trust is set or the keyring is writable by users
     */
    public Builder signaturesCheckedByKernel(boolean v) {
      signaturesCheckedByKernel = v;
      return this;
    }

    public Verifier build() {
      if (signaturesCheckedByKernel && trust.size() > 0) {
        throw new IllegalArgumentException("signatures are either checked against trusted certificates or left to the"
            + " kernel's keyring, not both");
      }
      if (signaturesCheckedByKernel && keyring.userWritable()) {
        throw new IllegalArgumentException("the " + keyring.name() + " keyring takes keys from any process that holds"
            + " it, so it cannot be the trust: use builtin, secondary, platform or a keyring serial from"
            + " 'bpfsign keyring add'");
      }
      return new Verifier(this);
    }
  }
}
