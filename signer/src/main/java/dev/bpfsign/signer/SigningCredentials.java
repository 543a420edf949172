package dev.bpfsign.signer;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key, where it signs, and the certificate the kernel will check the signature with.
 * A key in a PKCS#11 token signs in the token's provider, so it never leaves the token; a key
 * read from a file (PEM, PKCS#12) signs in the Java platform's own providers, which need no
 * setting up (Bouncy Castle's provider would cost every {@code sign} its registration and an
 * RSA modulus primality test per key load).
 *
 * @param provider the provider that holds the key; empty: the platform's default providers
 * @param keySource what to call the key in messages (a file name, a keystore alias)
 */
public record SigningCredentials(PrivateKey key, Optional<Provider> provider, X509Certificate certificate,
    String keySource) {
  public SigningCredentials {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(keySource, "keySource");
  }

  /** A key held in memory, signed with by the platform's providers. */
  public static SigningCredentials inSoftware(PrivateKey key, X509Certificate certificate, String keySource) {
    return new SigningCredentials(key, Optional.empty(), certificate, keySource);
  }

  /** A key that lives in {@code provider} (a token) and signs there. */
  public static SigningCredentials inProvider(PrivateKey key, Provider provider, X509Certificate certificate,
      String keySource) {
    return new SigningCredentials(key, Optional.of(provider), certificate, keySource);
  }

  /** A signature object for {@code algorithm}, initialised for signing with this key. */
  Signature signer(String algorithm) throws GeneralSecurityException {
    Signature s = provider.isPresent()
        ? Signature.getInstance(algorithm, provider.get())
        : Signature.getInstance(algorithm);
    s.initSign(key);
    return s;
  }
}
