package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A tiny kernel-format CMS signer for tests (the verifier never depends on the signer module):
 * detached SignedData over the scheme's payload, SHA-256, one SignerInfo, no certificates, no
 * signed attributes unless asked — the shape bpftool produces.
 */
final class TestCms {
  enum SignerId { SKID, ISSUER_SERIAL }

  private TestCms() {}

  static Bytes sign(byte[] payload, PrivateKey key, X509Certificate cert, SignerId id, boolean signedAttributes) {
    try {
      String alg = switch (key.getAlgorithm()) {
        case "EC" -> "SHA256withECDSA";
        case "EdDSA", "Ed25519" -> "Ed25519";
        default -> "SHA256withRSA";
      };
      ContentSigner cs = new JcaContentSignerBuilder(alg).setProvider(TestPki.BC).build(key);
      JcaSignerInfoGeneratorBuilder b = new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().setProvider(TestPki.BC).build());
      b.setDirectSignature(!signedAttributes);
      SignerInfoGenerator sig = id == SignerId.SKID
          ? b.build(cs, CertIds.skidOf(cert).orElseThrow())
          : b.build(cs, new JcaX509CertificateHolder(cert));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(sig);
      return Bytes.of(gen.generate(new CMSProcessableByteArray(payload), false).getEncoded("DER"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The loader with one more signature block by this key, kernel-shaped, for the scheme. */
  static LoaderFile signed(LoaderFile loader, Scheme scheme, PrivateKey key, X509Certificate cert) {
    Bytes cms = sign(loader.signedPayload(scheme).toArray(), key, cert, SignerId.SKID, false);
    return loader.withSignature(new SignatureBlock(scheme, cms, loader.insns().sha256()));
  }
}
