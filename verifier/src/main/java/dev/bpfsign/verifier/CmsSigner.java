package dev.bpfsign.verifier;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * One SignerInfo of a kernel CMS, as parsed: how it names its signer (subjectKeyIdentifier, or
 * issuer and serial number), its algorithms, whether it has signed attributes, the signature.
 */
record CmsSigner(
    Optional<byte[]> skid,
    Optional<X500Principal> issuer,
    Optional<BigInteger> serial,
    String digestOid,
    String signatureOid,
    boolean signedAttributes,
    byte[] signature) {

  /** The signer identifier as a user reads it: {@code skid:ab12…} or {@code issuer … serial …}. */
  String describe() {
    if (skid.isPresent()) {
      return "skid " + HexFormat.of().formatHex(skid.get());
    }
    return "issuer '" + issuer.map(p -> p.getName(X500Principal.RFC2253)).orElse("?")
        + "' serial " + serial.map(s -> s.toString(16)).orElse("?");
  }
}
