package dev.bpfsign.verifier;

import dev.bpfsign.loader.BadInputException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The certificates a verifier trusts: a loader is admitted only if its signer is one of them or
 * chains to one of them. Like a kernel keyring, a trusted certificate need not be a CA: a
 * self-signed signer certificate is trusted as itself. Parse it once and reuse it for every
 * verification.
 */
public final class TrustStore {
  private final CertIndex index;

  private TrustStore(List<X509Certificate> certs) {
    this.index = new CertIndex(certs);
  }

  /** Trust exactly these certificates. */
  public static TrustStore of(List<X509Certificate> certs) {
    return new TrustStore(certs);
  }

  /** Trust nothing: every verification ends "not admitted". */
  public static TrustStore empty() {
    return new TrustStore(List.of());
  }

  /**
   * Reads trust from PEM files or bundles, DER certificates, directories of them ({@code .pem
   * .crt .cer .der .p12 .pfx}) and password-less PKCS#12 stores.
   */
  public static TrustStore load(List<Path> paths) throws BadInputException {
    return load(paths, Optional.empty());
  }

  /** As {@link #load(List)}, with the password of the PKCS#12 stores among the paths. */
  public static TrustStore load(List<Path> paths, Optional<char[]> pkcs12Password) throws BadInputException {
    return new TrustStore(CertificateFiles.readCertificates(paths, pkcs12Password));
  }

  public List<X509Certificate> certificates() {
    return index.certificates();
  }

  public int size() {
    return index.certificates().size();
  }

  CertIndex index() {
    return index;
  }
}
