package dev.bpfsign.oci.http;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.io.DerShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context: the JDK's (system) trust store, or exactly the CAs of a {@code --ca} file. */
final class Tls {
  private Tls() {}

  static SSLContext context(Path caFile) throws BadInputException {
    if (Files.isDirectory(caFile)) {
      throw new BadInputException(caFile + ": is a directory; --ca takes a file of PEM or DER certificates");
    }
    byte[] bytes = new byte[0];
    try {
      bytes = Files.readAllBytes(caFile);
      Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes));
      if (cas.isEmpty()) {
        throw new BadInputException(caFile + ": --ca holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : cas) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadInputException(caFile + ": no such file (--ca)");
    } catch (IOException e) {
      throw new BadInputException(caFile + ": cannot read --ca ("
          + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()) + ")");
    } catch (GeneralSecurityException e) {
      // the JDK's words ("No certificate data found") describe its parser
      throw new BadInputException(caFile + ": --ca is not a PEM or DER certificate (" + DerShape.why(bytes) + ")");
    }
  }
}
