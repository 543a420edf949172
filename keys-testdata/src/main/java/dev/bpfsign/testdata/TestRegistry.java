package dev.bpfsign.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (distribution 2.8) started on a
 * free loopback port with a generated configuration, TLS from a CA made for this run with
 * {@code openssl}, and htpasswd (bcrypt, made with {@code htpasswd}) basic auth. Its access log
 * (one line per request) is kept so tests can count what was fetched. {@code .ci/run} installs
 * the packages; {@link #missingTools()} tells a test what to skip for.
 */
public final class TestRegistry implements AutoCloseable {
  public static final String USER = "release";
  public static final String PASSWORD = "s3cret-pass";
  /** Set by CI: the registry tests must run, a missing tool fails them. */
  public static final String REQUIRE_ENV = "BPFSIGN_REQUIRE_REGISTRY";

  private final Process process;
  private final int port;
  private final Path dir;
  private final TokenServer tokens;

  private TestRegistry(Process process, int port, Path dir, TokenServer tokens) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.tokens = tokens;
  }

  /** The tools that are missing for a registry here, empty when it can run. */
  public static Optional<String> missingTools() {
    for (String tool : List.of("docker-registry", "htpasswd", "openssl")) {
      if (onPath(tool).isEmpty()) {
        return Optional.of(tool + " not found (apt-get install docker-registry apache2-utils openssl)");
      }
    }
    return Optional.empty();
  }

  /** Whether CI demands these tests ({@code BPFSIGN_REQUIRE_REGISTRY=1} or {@code BPFSIGN_REQUIRE_KERNEL=1}). */
  public static boolean required() {
    return "1".equals(System.getenv(REQUIRE_ENV)) || "1".equals(System.getenv("BPFSIGN_REQUIRE_KERNEL"));
  }

  /** Starts a registry with TLS and basic auth (htpasswd) in {@code dir} (fresh storage). */
  public static TestRegistry start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    makeCertificates(dir);
    Process hp = new ProcessBuilder("htpasswd", "-nbB", USER, PASSWORD).redirectErrorStream(true).start();
    String htpasswd = new String(hp.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    check(hp, "htpasswd");
    Files.writeString(dir.resolve("htpasswd"), htpasswd + "\n");
    return launch(dir, """
        auth:
          htpasswd:
            realm: bpfsign-test
            path: %s
        """.formatted(dir.resolve("htpasswd")), null);
  }

  /**
   * Starts a registry in token-auth mode: a 401 with a {@code Bearer} challenge sends clients to a
   * token service (run here, over TLS from the same CA) that takes the Basic credentials.
   */
  public static TestRegistry startWithTokenAuth(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    makeCertificates(dir);
    run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "token.key", "-out", "token.pem", "-days", "2", "-subj", "/CN=bpfsign test token signer");
    run(dir, "openssl", "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12",
        "-passout", "pass:changeit");
    TokenServer tokens;
    try {
      tokens = new TokenServer(dir.resolve("server.p12"), "changeit".toCharArray(), dir.resolve("token.key"),
          dir.resolve("token.pem"), "bpfsign-test", "bpfsign-test-issuer");
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("token server: " + e.getMessage(), e);
    }
    return launch(dir, """
        auth:
          token:
            realm: https://127.0.0.1:%d/token
            service: bpfsign-test
            issuer: bpfsign-test-issuer
            rootcertbundle: %s
        """.formatted(tokens.port(), dir.resolve("token.pem")), tokens);
  }

  /** How many tokens the token service issued (token-auth mode only). */
  public int tokensIssued() {
    return tokens == null ? 0 : tokens.tokensIssued.get();
  }

  private static TestRegistry launch(Path dir, String authYaml, TokenServer tokens) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("config.yml"), """
        version: 0.1
        log:
          level: info
          formatter: text
          accesslog:
            disabled: false
        storage:
          filesystem:
            rootdirectory: %s
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
          secret: bpfsign-test-registry
          tls:
            certificate: %s
            key: %s
        """.formatted(dir.resolve("storage"), port, dir.resolve("server.pem"), dir.resolve("server.key")) + authYaml);
    Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    TestRegistry r = new TestRegistry(p, port, dir, tokens);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return r;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          r.close();
          throw new IOException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")).strip());
        }
        Thread.sleep(50);
      }
    }
  }

  private static void makeCertificates(Path dir) throws IOException, InterruptedException {
    run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=bpfsign test registry CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
    run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        + "extendedKeyUsage=serverAuth\n");
    run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
  }

  private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
  }

  private static void check(Process p, String what) throws IOException, InterruptedException {
    if (p.waitFor() != 0) {
      throw new IOException(what + " failed with exit " + p.exitValue());
    }
  }

  private static Optional<Path> onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The CA that issued the registry's TLS certificate (PEM). */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** The registry's storage root; tests tamper with blobs under it. */
  public Path storage() {
    return dir.resolve("storage");
  }

  /** The stored bytes of a blob ({@code HEX} of its sha256). */
  public Path blobData(String hex) {
    return storage().resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
  }

  /** The registry's log so far (access lines and its own messages). */
  public List<String> log() {
    try {
      return Files.readAllLines(dir.resolve("registry.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many requests of {@code method} for a path containing {@code pathPart} were answered 200 (from the access log). */
  public long requests(String method, String pathPart) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("\"" + method + " [^\" ]*"
        + java.util.regex.Pattern.quote(pathPart) + "[^\" ]* HTTP/[0-9.]+\" 200 ");
    return log().stream().filter(l -> p.matcher(l).find()).count();
  }

  @Override
  public void close() {
    if (tokens != null) {
      tokens.close();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
