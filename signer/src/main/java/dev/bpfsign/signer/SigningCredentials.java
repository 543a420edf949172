package dev.bpfsign.signer;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key, the provider it lives in, and the certificate the kernel will check the
 * signature with. Signing always runs in {@code provider}: for a PKCS#11 token that is the
 * token's provider, so the key never leaves it.
 *
 * @param keySource what to call the key in messages (a file name, a keystore alias)
 */
public record SigningCredentials(PrivateKey key, Provider provider, X509Certificate certificate, String keySource) {
  public SigningCredentials {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(keySource, "keySource");
  }
}
