package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;

/**
 * A well-formed kernel-format CMS whose signature value does not verify with the certificate's
 * public key over the payload: the payload changed, or the signing key is not the certificate's.
 */
public final class SignatureMismatchException extends BadInputException {
  public SignatureMismatchException(String message) {
    super(message);
  }
}
