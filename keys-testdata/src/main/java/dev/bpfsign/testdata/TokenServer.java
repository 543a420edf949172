package dev.bpfsign.testdata;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The token service of a registry in token-auth mode (Docker registry token specification):
 * {@code GET /token?service=…&scope=repository:NAME:ACTIONS} with Basic credentials answers a
 * JWT (ES256, the signing certificate in {@code x5c}) granting the asked actions, which the
 * registry checks against its {@code rootcertbundle}. Wrong credentials get 401.
 */
final class TokenServer implements AutoCloseable {
  private final HttpsServer server;
  private final PrivateKey signingKey;
  private final X509Certificate signingCert;
  private final String service;
  private final String issuer;
  final AtomicInteger tokensIssued = new AtomicInteger();

  TokenServer(Path tlsP12, char[] p12Password, Path signingKeyPem, Path signingCertPem, String service, String issuer)
      throws IOException, GeneralSecurityException {
    this.service = service;
    this.issuer = issuer;
    this.signingKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(signingKeyPem, "PRIVATE KEY")));
    try (InputStream in = Files.newInputStream(signingCertPem)) {
      this.signingCert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tlsP12)) {
      ks.load(in, p12Password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, p12Password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.createContext("/token", this::token);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void token(HttpExchange ex) throws IOException {
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (TestRegistry.USER + ":" + TestRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      answer(ex, 401, "{\"details\":\"bad credentials\"}");
      return;
    }
    List<String> access = new ArrayList<>();
    String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
    for (String kv : query.split("&")) {
      if (kv.startsWith("scope=")) {
        String[] scope = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8).split(":");
        if (scope.length == 3) {
          String actions = String.join(",", java.util.Arrays.stream(scope[2].split(",")).map(a -> "\"" + a + "\"").toList());
          access.add("{\"type\":\"" + scope[0] + "\",\"name\":\"" + scope[1] + "\",\"actions\":[" + actions + "]}");
        }
      }
    }
    try {
      long now = System.currentTimeMillis() / 1000;
      String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
          + Base64.getEncoder().encodeToString(signingCert.getEncoded()) + "\"]}";
      String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + TestRegistry.USER + "\",\"aud\":\"" + service
          + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\"t"
          + tokensIssued.incrementAndGet() + "-" + System.nanoTime() + "\",\"access\":[" + String.join(",", access) + "]}";
      String signingInput = b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + b64url(claims.getBytes(StandardCharsets.UTF_8));
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
      s.initSign(signingKey);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String jwt = signingInput + "." + b64url(s.sign());
      answer(ex, 200, "{\"token\":\"" + jwt + "\",\"expires_in\":300}");
    } catch (GeneralSecurityException e) {
      answer(ex, 500, "{}");
    }
  }

  private static String b64url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] pemBody(Path pem, String type) throws IOException {
    String text = Files.readString(pem);
    int begin = text.indexOf("-----BEGIN " + type + "-----");
    int end = text.indexOf("-----END " + type + "-----");
    if (begin < 0 || end < 0) {
      throw new IOException(pem + ": no " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(begin + ("-----BEGIN " + type + "-----").length(), end));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
