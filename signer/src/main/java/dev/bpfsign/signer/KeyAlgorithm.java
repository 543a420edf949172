package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The signing algorithm a certificate's key implies, and whether a kernel can verify it: Linux
 * checks BPF signatures with RSA (we accept 2048 to 4096 bits) and ECDSA on P-256 and P-384,
 * always over a SHA-256 digest (what bpftool signs with).
 *
 * @param name for messages: {@code RSA-3072}, {@code ECDSA P-256}, {@code Ed25519}
 * @param jcaSignature the JCA signature algorithm that makes the CMS signature value
 * @param kernelRefusal why a kernel cannot verify it, if it cannot
 */
public record KeyAlgorithm(String name, Family family, String jcaSignature, Optional<String> kernelRefusal) {
  public enum Family { RSA, EC, EDDSA, DSA }

  public static final int MIN_RSA_BITS = 2048;
  public static final int MAX_RSA_BITS = 4096;

  public boolean kernelVerifiable() {
    return kernelRefusal.isEmpty();
  }

  /** Classifies the certificate's public key; {@code source} names the certificate in messages. */
  public static KeyAlgorithm of(PublicKey key, String source) throws BadInputException {
    return switch (key) {
      case RSAPublicKey rsa -> rsa(rsa.getModulus().bitLength());
      case ECPublicKey ec -> ec(namedCurve(ec), source);
      case DSAPublicKey dsa -> new KeyAlgorithm("DSA-" + dsa.getParams().getP().bitLength(), Family.DSA,
          "SHA256withDSA", Optional.of("the kernel does not verify DSA signatures"));
      default -> switch (key.getAlgorithm()) {
        case "Ed25519", "EdDSA" -> new KeyAlgorithm("Ed25519", Family.EDDSA, "Ed25519",
            Optional.of("the kernel does not verify Ed25519 signatures on BPF programs"));
        case "Ed448" -> new KeyAlgorithm("Ed448", Family.EDDSA, "Ed448",
            Optional.of("the kernel does not verify Ed448 signatures"));
        default -> throw new BadInputException(source + ": certificate key algorithm " + key.getAlgorithm()
            + " cannot sign (supported: RSA, ECDSA)");
      };
    };
  }

  private static KeyAlgorithm rsa(int bits) {
    Optional<String> refusal = bits < MIN_RSA_BITS || bits > MAX_RSA_BITS
        ? Optional.of("RSA keys of " + bits + " bits are outside the " + MIN_RSA_BITS + ".." + MAX_RSA_BITS
            + " bits bpfsign signs for kernels" + (bits < MIN_RSA_BITS ? " (too weak)" : ""))
        : Optional.empty();
    return new KeyAlgorithm("RSA-" + bits, Family.RSA, "SHA256withRSA", refusal);
  }

  private static KeyAlgorithm ec(String curve, String source) {
    Optional<String> refusal = curve.equals("P-256") || curve.equals("P-384")
        ? Optional.empty()
        : Optional.of("ECDSA on curve " + curve + " is not verified by the kernel (P-256 and P-384 are)");
    return new KeyAlgorithm("ECDSA " + curve, Family.EC, "SHA256withECDSA", refusal);
  }

  private static String namedCurve(ECPublicKey key) {
    try {
      var params = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
      if (params instanceof ASN1ObjectIdentifier oid) {
        if (oid.equals(SECObjectIdentifiers.secp256r1)) {
          return "P-256";
        }
        if (oid.equals(SECObjectIdentifiers.secp384r1)) {
          return "P-384";
        }
        if (oid.equals(SECObjectIdentifiers.secp521r1)) {
          return "P-521";
        }
        return oid.getId();
      }
      return "with explicit parameters";
    } catch (IllegalArgumentException e) {
      return "unknown";
    }
  }
}
