package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.List;

/**
 * Signs loaders with one key: checks the key once (kernel-verifiable algorithm, belongs to the
 * certificate), then for each loader makes the kernel-format CMS over the scheme's payload and
 * verifies it with the certificate before handing it out. One instance signs any number of
 * loaders (batch signing reuses the checked key).
 */
public final class LoaderSigner {
  private final SigningCredentials credentials;
  private final KeyAlgorithm algorithm;
  private final KernelCms cms;
  private final List<String> warnings;
  private final boolean embedCertificate;
  private final KernelCmsVerifier.Bound selfCheck;

  private LoaderSigner(SigningCredentials credentials, KeyAlgorithm algorithm, List<String> warnings,
      boolean embedCertificate) throws BadInputException {
    this.credentials = credentials;
    this.algorithm = algorithm;
    this.cms = new KernelCms(credentials, algorithm);
    this.warnings = warnings;
    this.embedCertificate = embedCertificate;
    this.selfCheck = KernelCmsVerifier.forCertificate(credentials.certificate(), credentials.keySource());
  }

  /** Options that change what is accepted or written, not how the CMS looks. */
  public record Options(boolean allowNonKernelAlgorithm, boolean embedCertificate, Instant now) {
    public static Options defaults(Instant now) {
      return new Options(false, false, now);
    }
  }

  /**
   * Checks the credentials and prepares to sign.
   *
   * @throws BadInputException when the key is of an algorithm the kernel cannot verify (unless
   *     allowed), or visibly does not belong to the certificate
   */
  public static LoaderSigner create(SigningCredentials credentials, Options options) throws BadInputException {
    String certName = Certificates.describe(credentials.certificate());
    KeyAlgorithm algorithm = KeyAlgorithm.of(credentials.certificate().getPublicKey(), "certificate " + certName);
    if (!algorithm.kernelVerifiable() && !options.allowNonKernelAlgorithm()) {
      throw new BadInputException("certificate " + certName + ": " + algorithm.kernelRefusal().get()
          + "; sign with RSA 2048-4096 or ECDSA P-256/P-384 (or pass --allow-non-kernel-alg for signatures"
          + " only bpfsign will check)");
    }
    KeyCertificateMatch.check(credentials, algorithm);
    return new LoaderSigner(credentials, algorithm, CertificateWarnings.of(credentials.certificate(), options.now()),
        options.embedCertificate());
  }

  /** Things about the certificate worth telling the user; none of them stops signing. */
  public List<String> warnings() {
    return warnings;
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** Who signs, for messages and reports. */
  public String signerName() {
    return Certificates.describe(credentials.certificate());
  }

  public SigningCredentials credentials() {
    return credentials;
  }

  /**
   * Signs a signable loader for a scheme and verifies the result with the certificate.
   *
   * @param source what to call the loader in messages
   */
  public SignatureBlock sign(LoaderFile loader, Scheme scheme, String source) throws BadInputException {
    requireSignable(loader, source);
    byte[] payload = loader.signedPayload(scheme).toArray();
    byte[] signature = signPayload(payload, source);
    List<Bytes> certificates = List.of();
    if (embedCertificate) {
      try {
        certificates = List.of(Bytes.of(credentials.certificate().getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new BadInputException("certificate " + signerName() + " cannot be encoded: " + PemKeys.oneLine(e));
      }
    }
    return new SignatureBlock(scheme, Bytes.of(signature), loader.insns().sha256(), certificates);
  }

  /** The loader's signature of this scheme by this signer, if it has one (signing again would add nothing). */
  public java.util.Optional<SignatureBlock> existingSignature(LoaderFile loader, Scheme scheme) {
    return loader.signatures().stream()
        .filter(b -> b.scheme() == scheme && KernelCmsVerifier.namesSigner(b.cms().toArray(), credentials.certificate()))
        .findFirst();
  }

  /** Refuses a plain loader: nothing in its instructions binds its data blob, so a signature would prove little. */
  public static void requireSignable(LoaderFile loader, String source) throws BadInputException {
    if (loader.mode() != Mode.SIGNABLE) {
      throw new BadInputException(source + ": a plain loader cannot be signed (nothing in its instructions binds"
          + " its data blob); regenerate it with 'bpfsign gen' without --plain");
    }
  }

  /** The kernel-format CMS over {@code payload}, verified with the certificate before it is returned. */
  public byte[] signPayload(byte[] payload, String source) throws BadInputException {
    byte[] signature = cms.sign(payload);
    try {
      selfCheck.verify(signature, payload, source);
    } catch (SignatureMismatchException e) {
      throw KeyCertificateMatch.mismatch(credentials,
          "a signature made with the key does not verify with the certificate's public key");
    } catch (BadInputException e) {
      throw new IllegalStateException("a CMS bpfsign made is not in the kernel's format: " + e.getMessage(), e);
    }
    return signature;
  }
}
