package dev.bpfsign.signer;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider object this module uses: only to decrypt encrypted PEM keys,
 * whose OpenSSL encryptions the platform does not all read. Signing and checking signatures run
 * in the platform's providers: constructing this one registers hundreds of algorithms, a cost a
 * cold {@code sign} should not pay. It is passed explicitly to the JCA calls that need it and
 * never installed with {@code Security.addProvider}, so bpfsign cannot change which provider
 * other code in the same JVM gets.
 */
final class BouncyCastle {
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
