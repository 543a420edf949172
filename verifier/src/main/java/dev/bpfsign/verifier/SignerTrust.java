package dev.bpfsign.verifier;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a signer certificate is trusted at a time: it is a trust anchor itself, or
 * chains to one through supplied certificates (PKIX, revocation off — CRLs are checked here);
 * every certificate of the chain is within its validity; the signer's keyUsage allows
 * digitalSignature (and extended key usage codeSigning when required); nothing in the chain is
 * revoked by a supplied CRL or denied by the policy.
 */
final class SignerTrust {
  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static final int MAX_DEPTH = 8;

  /** The outcome: trusted only if {@code findings} holds no error. */
  record Result(boolean trusted, List<X509Certificate> chain, List<Finding> findings) {
    Result {
      chain = List.copyOf(chain);
      findings = List.copyOf(findings);
    }
  }

  private final CertIndex anchors;
  private final List<X509CRL> crls;
  private final Policy policy;
  private final Set<TrustAnchor> trustAnchors;

  SignerTrust(CertIndex anchors, List<X509CRL> crls, Policy policy) {
    this.anchors = anchors;
    this.crls = List.copyOf(crls);
    this.policy = policy;
    Set<TrustAnchor> set = new LinkedHashSet<>();
    anchors.certificates().forEach(c -> set.add(new TrustAnchor(c, null)));
    this.trustAnchors = set;
  }

  Result evaluate(X509Certificate signer, CertIds ids, List<X509Certificate> pool, Instant at) {
    List<Finding> findings = new ArrayList<>();
    Date when = Date.from(at);
    validity(signer, ids.subject(), when, findings);
    keyUsage(signer, ids.subject(), findings);

    List<X509Certificate> chain;
    if (anchors.contains(ids.fingerprint())) {
      chain = List.of(signer);
    } else if (findings.isEmpty()) {
      chain = buildChain(signer, ids, pool, when, findings);
    } else {
      chain = List.of(signer); // an unusable signer: no point building a path for it
    }

    for (X509Certificate c : chain) {
      CertIds cid = c == signer ? ids : CertIds.of(c);
      if (c != signer) {
        validity(c, cid.subject(), when, findings);
      }
      if (policy.deniedKeys().contains(cid.fingerprint())
          || cid.skid().map(policy.deniedKeys()::contains).orElse(false)) {
        findings.add(Finding.of(FindingCode.KEY_DENIED, "certificate '" + cid.subject() + "' is on the policy's key denylist"));
      }
    }
    revocation(chain, pool, at, findings);
    boolean trusted = !chain.isEmpty() && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    return new Result(trusted, chain, findings);
  }

  private static void validity(X509Certificate c, String subject, Date when, List<Finding> findings) {
    try {
      c.checkValidity(when);
    } catch (CertificateExpiredException e) {
      findings.add(Finding.of(FindingCode.CERT_EXPIRED,
          "certificate '" + subject + "' expired " + c.getNotAfter().toInstant() + " (checked at " + when.toInstant() + ")"));
    } catch (CertificateNotYetValidException e) {
      findings.add(Finding.of(FindingCode.CERT_NOT_YET_VALID,
          "certificate '" + subject + "' is valid only from " + c.getNotBefore().toInstant() + " (checked at " + when.toInstant() + ")"));
    }
  }

  private void keyUsage(X509Certificate signer, String subject, List<Finding> findings) {
    boolean[] ku = signer.getKeyUsage();
    if (ku != null && (ku.length == 0 || !ku[0])) {
      findings.add(Finding.of(FindingCode.CERT_KEY_USAGE,
          "certificate '" + subject + "' has keyUsage without digitalSignature"));
    }
    if (policy.requireCodeSigning()) {
      List<String> eku;
      try {
        eku = signer.getExtendedKeyUsage();
      } catch (java.security.cert.CertificateParsingException e) {
        eku = null;
      }
      if (eku == null || !eku.contains(CODE_SIGNING)) {
        findings.add(Finding.of(FindingCode.CERT_EXTENDED_KEY_USAGE,
            "certificate '" + subject + "' lacks extended key usage codeSigning, which the policy requires"));
      }
    }
  }

  private List<X509Certificate> buildChain(X509Certificate signer, CertIds ids, List<X509Certificate> pool, Date when,
      List<Finding> findings) {
    if (trustAnchors.isEmpty()) {
      findings.add(Finding.of(FindingCode.SIGNER_UNTRUSTED, "certificate '" + ids.subject() + "' is not trusted (no trust anchors)"));
      return List.of();
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, target);
      params.setRevocationEnabled(false);
      params.setDate(when);
      params.setMaxPathLength(MAX_DEPTH);
      List<X509Certificate> store = new ArrayList<>(pool);
      store.add(signer);
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
      PKIXCertPathBuilderResult r = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
      List<X509Certificate> chain = new ArrayList<>();
      r.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
      chain.add(r.getTrustAnchor().getTrustedCert());
      return chain;
    } catch (CertPathBuilderException e) {
      explainChainFailure(signer, ids, pool, when, e, findings);
      return List.of();
    } catch (GeneralSecurityException e) {
      findings.add(Finding.of(FindingCode.CERT_CHAIN_INVALID, "certificate '" + ids.subject() + "': " + CertificateFiles.oneLine(e)));
      return List.of();
    }
  }

  /** Walks issuer names up from the signer to say which certificate broke the chain. */
  private void explainChainFailure(X509Certificate signer, CertIds ids, List<X509Certificate> pool, Date when,
      CertPathBuilderException e, List<Finding> findings) {
    List<X509Certificate> known = new ArrayList<>(pool);
    known.addAll(anchors.certificates());
    X509Certificate current = signer;
    Set<X509Certificate> seen = new HashSet<>();
    List<X509Certificate> walked = new ArrayList<>();
    boolean sawIssuer = false;
    for (int depth = 0; depth < MAX_DEPTH && seen.add(current); depth++) {
      X509Certificate issuer = null;
      for (X509Certificate k : known) {
        if (k.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && !k.equals(current)) {
          issuer = k;
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      sawIssuer = true;
      int before = findings.size();
      validity(issuer, CertIds.of(issuer).subject(), when, findings);
      if (findings.size() > before) {
        return;
      }
      walked.add(current);
      current = issuer;
    }
    if (sawIssuer && anchorsReached(current)) {
      findings.add(Finding.of(FindingCode.CERT_CHAIN_INVALID,
          "certificate '" + ids.subject() + "': chain to a trust anchor does not validate: "
              + ChainFailure.why(walked, current, when)));
    } else {
      findings.add(Finding.of(FindingCode.SIGNER_UNTRUSTED,
          "certificate '" + ids.subject() + "' does not chain to a trust anchor"));
    }
  }

  private boolean anchorsReached(X509Certificate c) {
    return anchors.certificates().contains(c);
  }

  private void revocation(List<X509Certificate> chain, List<X509Certificate> pool, Instant at, List<Finding> findings) {
    if (crls.isEmpty()) {
      return;
    }
    List<X509Certificate> issuers = new ArrayList<>(chain);
    issuers.addAll(pool);
    issuers.addAll(anchors.certificates());
    for (X509Certificate c : chain) {
      for (X509CRL crl : crls) {
        if (!crl.getIssuerX500Principal().equals(c.getIssuerX500Principal())) {
          continue;
        }
        if (!crlVerifies(crl, issuers)) {
          findings.add(Finding.of(FindingCode.CRL_UNUSABLE, "CRL of '" + crl.getIssuerX500Principal().getName()
              + "': no known issuer certificate verifies its signature; ignored"));
          continue;
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at)) {
          findings.add(Finding.of(FindingCode.CRL_UNUSABLE, "CRL of '" + crl.getIssuerX500Principal().getName()
              + "' is past its nextUpdate " + crl.getNextUpdate().toInstant() + "; used anyway"));
        }
        var entry = crl.getRevokedCertificate(c);
        if (entry != null) {
          findings.add(Finding.of(FindingCode.CERT_REVOKED, "certificate '" + c.getSubjectX500Principal().getName()
              + "' (serial " + c.getSerialNumber().toString(16) + ") was revoked " + entry.getRevocationDate().toInstant()));
        }
      }
    }
  }

  private static boolean crlVerifies(X509CRL crl, List<X509Certificate> candidates) {
    for (X509Certificate issuer : candidates) {
      if (!issuer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
        continue;
      }
      try {
        crl.verify(issuer.getPublicKey());
        return true;
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next certificate with this subject
      }
    }
    return false;
  }
}
