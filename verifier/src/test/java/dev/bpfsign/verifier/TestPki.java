package dev.bpfsign.verifier;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test with Bouncy Castle, for defects the checked-in PKI does not
 * have (or before it is available): each builder call states the one property under test.
 */
final class TestPki {
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2046-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  private TestPki() {}

  /** A key pair per name, made once per test run ("rsa3072:x", "ec:y"). */
  static KeyPair key(String name) {
    return KEYS.computeIfAbsent(name, n -> {
      try {
        if (n.startsWith("ec")) {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
          return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(n.startsWith("rsa2048") ? 2048 : 3072);
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** A certificate under construction. */
  static final class CertSpec {
    String subject = "CN=bpfsign verifier test,O=bpfsign test";
    KeyPair key;
    X509Certificate issuer;
    PrivateKey issuerKey;
    Instant from = FROM;
    Instant to = TO;
    boolean ca;
    Integer keyUsage = KeyUsage.digitalSignature;
    boolean codeSigning;
    boolean skid = true;
    long serial = 0x42;

    CertSpec(String subject, KeyPair key) {
      this.subject = subject;
      this.key = key;
    }

    CertSpec issuedBy(X509Certificate issuer, PrivateKey issuerKey) {
      this.issuer = issuer;
      this.issuerKey = issuerKey;
      return this;
    }

    CertSpec validity(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    CertSpec ca() {
      this.ca = true;
      this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
      return this;
    }

    CertSpec keyUsage(Integer ku) {
      this.keyUsage = ku;
      return this;
    }

    CertSpec codeSigning() {
      this.codeSigning = true;
      return this;
    }

    CertSpec noSkid() {
      this.skid = false;
      return this;
    }

    CertSpec serial(long s) {
      this.serial = s;
      return this;
    }

    X509Certificate build() {
      try {
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial),
            Date.from(from), Date.from(to), name, key.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (keyUsage != null) {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (codeSigning) {
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        }
        if (skid) {
          b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
        }
        if (issuer != null) {
          b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        }
        PrivateKey signWith = issuerKey != null ? issuerKey : key.getPrivate();
        String alg = signWith.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
            b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(signWith)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  static CertSpec cert(String subject, KeyPair key) {
    return new CertSpec(subject, key);
  }

  /** A CRL by the issuer listing the certificates as revoked (keyCompromise) at {@code revokedAt}. */
  static X509CRL crl(X509Certificate issuer, PrivateKey issuerKey, Instant revokedAt, List<X509Certificate> revoked) {
    try {
      X509v2CRLBuilder b = new JcaX509v2CRLBuilder(issuer.getSubjectX500Principal(), Date.from(FROM));
      b.setNextUpdate(Date.from(TO));
      for (X509Certificate c : revoked) {
        b.addCRLEntry(c.getSerialNumber(), Date.from(revokedAt), CRLReason.keyCompromise);
      }
      return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuerKey)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
