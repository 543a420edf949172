package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Makes the CMS the kernel verifies on {@code BPF_PROG_LOAD} — the shape of
 * {@code bpftool gen skeleton -S}: SignedData, DER, detached (no eContent), no certificates,
 * no CRLs, one SignerInfo identified by subjectKeyIdentifier (issuer and serial number when
 * the certificate has none), SHA-256, and no signed attributes, so the signature value is
 * computed over SHA-256 of the payload directly (the kernel rejects signed attributes on BPF
 * signatures). For RSA this is byte-identical to bpftool's for the same key and payload.
 */
final class KernelCms {
  private static final RsaEncryptionIdentifier ENCRYPTION_IDENTIFIERS = new RsaEncryptionIdentifier();

  private final SigningCredentials credentials;
  private final KeyAlgorithm algorithm;
  private final Optional<byte[]> subjectKeyId;
  private final JcaX509CertificateHolder certificateHolder;
  private final DigestCalculatorProvider digests;

  KernelCms(SigningCredentials credentials, KeyAlgorithm algorithm) throws BadInputException {
    this.credentials = credentials;
    this.algorithm = algorithm;
    this.subjectKeyId = Certificates.subjectKeyIdentifier(credentials.certificate());
    try {
      this.certificateHolder = new JcaX509CertificateHolder(credentials.certificate());
      this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build();
    } catch (CertificateEncodingException | OperatorCreationException e) {
      throw new BadInputException("certificate " + Certificates.describe(credentials.certificate())
          + " cannot be used: " + PemKeys.oneLine(e));
    }
  }

  /** The DER CMS over {@code payload}. */
  byte[] sign(byte[] payload) throws BadInputException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(algorithm.jcaSignature())
          .setProvider(credentials.provider())
          .build(credentials.key());
      // the digest follows the signature algorithm: SHA-256 for every kernel algorithm (EdDSA,
      // allowed only with --allow-non-kernel-alg, gets SHA-512 as RFC 8419 requires)
      JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(digests, ENCRYPTION_IDENTIFIERS)
          .setDirectSignature(true);
      SignerInfoGenerator signerInfo = subjectKeyId.isPresent()
          ? builder.build(signer, subjectKeyId.get())
          : builder.build(signer, certificateHolder);
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(signerInfo);
      return generator.generate(new CMSProcessableByteArray(payload), false).getEncoded("DER");
    } catch (OperatorCreationException | IllegalArgumentException e) {
      throw new BadInputException(credentials.keySource() + ": cannot sign with this key (" + algorithm.name()
          + "): " + PemKeys.oneLine(e));
    } catch (CMSException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BadInputException(credentials.keySource() + ": signing failed (" + algorithm.name() + "): "
          + (cause.getMessage() != null ? cause.getMessage().lines().findFirst().orElse("") : cause.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a fresh CMS failed", e);
    }
  }
}
