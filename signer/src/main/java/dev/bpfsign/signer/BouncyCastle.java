package dev.bpfsign.signer;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider object this module uses. It is passed explicitly to every JCA
 * call and never installed with {@code Security.addProvider}, so bpfsign cannot change which
 * provider other code in the same JVM gets.
 */
final class BouncyCastle {
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
