package dev.bpfsign.oci.http;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.oci.Digest;
import dev.bpfsign.oci.NetworkException;
import dev.bpfsign.oci.Reference;
import dev.bpfsign.oci.auth.CredentialSources;
import dev.bpfsign.oci.auth.Credentials;
import dev.bpfsign.oci.json.CredentialJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The OCI distribution API of one repository over {@link HttpClient}: manifests, blobs, the
 * referrers API, and the authentication registries ask for (anonymous, Basic, Bearer token).
 * Every answer is read with a size limit; every status it does not expect is one line.
 */
public final class RegistryClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  private static final int MAX_ERROR_BODY = 4096;
  private static final int MAX_TOKEN = 64 * 1024;
  private static final int MAX_REDIRECTS = 5;

  private final Reference ref;
  private final String base;
  private final HttpClient http;
  private final Access access;
  private Optional<Credentials> credentials;
  private boolean credentialsLooked;
  private volatile String authorization;

  /** A response with its body read up to a limit. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
  }

  public RegistryClient(Reference ref, Access access) throws BadInputException, NetworkException {
    this.ref = ref;
    this.access = access;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER); // followed by hand, without the Authorization header
    if (access.insecure()) {
      requireLoopback(ref);
      base = "http://" + ref.registry();
    } else {
      base = "https://" + ref.registry();
      if (access.ca().isPresent()) {
        b.sslContext(Tls.context(access.ca().get()));
      }
    }
    this.http = b.build();
  }

  private static void requireLoopback(Reference ref) throws BadInputException, NetworkException {
    try {
      for (InetAddress a : InetAddress.getAllByName(ref.host())) {
        if (!a.isLoopbackAddress()) {
          throw new BadInputException(ref.registry() + ": --insecure (plain HTTP) is only allowed for loopback"
              + " registries; " + ref.host() + " resolves to " + a.getHostAddress());
        }
      }
    } catch (UnknownHostException e) {
      throw new NetworkException(ref.registry() + ": cannot resolve " + ref.host());
    }
  }

  public Reference reference() {
    return ref;
  }

  private String repoPath() {
    return "/v2/" + ref.repository();
  }

  // ---- manifests

  public Optional<Answer> getManifest(String reference, String accept, int max) throws IOException, BadInputException {
    Answer a = send("GET", repoPath() + "/manifests/" + reference, Map.of("Accept", accept), null, max, true);
    return a.status() == 404 ? Optional.empty() : Optional.of(expect(a, "GET manifest " + reference, 200));
  }

  /** Stores a manifest; answers whether the registry says it processed its subject (OCI-Subject). */
  public boolean putManifest(String reference, String mediaType, byte[] body) throws IOException, BadInputException {
    Answer a = send("PUT", repoPath() + "/manifests/" + reference, Map.of("Content-Type", mediaType), body,
        MAX_ERROR_BODY, false);
    expect(a, "PUT manifest " + reference, 201);
    return a.header("OCI-Subject").isPresent();
  }

  /** The referrers API; empty when the registry does not have it (404). */
  public Optional<byte[]> referrers(Digest subject, int max) throws IOException, BadInputException {
    Answer a = send("GET", repoPath() + "/referrers/" + subject, Map.of("Accept", "application/vnd.oci.image.index.v1+json"),
        null, max, true);
    return a.status() == 404 ? Optional.empty() : Optional.of(expect(a, "GET referrers " + subject, 200).body());
  }

  // ---- blobs

  public boolean hasBlob(Digest d) throws IOException, BadInputException {
    Answer a = send("HEAD", repoPath() + "/blobs/" + d, Map.of(), null, 0, true);
    if (a.status() == 404) {
      return false;
    }
    expect(a, "HEAD blob " + d, 200);
    return true;
  }

  public byte[] getBlob(Digest d, long size) throws IOException, BadInputException {
    if (size > Integer.MAX_VALUE - 16) {
      throw new BadInputException(ref + ": blob " + d + " declares " + size + " bytes, more than bpfsign reads");
    }
    Answer a = send("GET", repoPath() + "/blobs/" + d, Map.of(), null, (int) size, true);
    if (a.status() == 404) {
      throw new BadInputException(ref + ": blob " + d + " is not in the registry");
    }
    return expect(a, "GET blob " + d, 200).body();
  }

  /** A monolithic upload: POST for a session, PUT the bytes with their digest. */
  public void putBlob(Digest d, byte[] content) throws IOException, BadInputException {
    Answer start = expect(send("POST", repoPath() + "/blobs/uploads/", Map.of(), new byte[0], MAX_ERROR_BODY, false),
        "POST upload", 202);
    String location = start.header("Location")
        .orElseThrow(() -> new BadInputException(ref + ": upload answer has no Location"));
    String url = location + (location.contains("?") ? "&" : "?") + "digest=" + URLEncoder.encode(d.toString(), StandardCharsets.UTF_8);
    expect(send("PUT", url, Map.of("Content-Type", "application/octet-stream"), content, MAX_ERROR_BODY, false),
        "PUT blob " + d, 201);
  }

  // ---- transport

  private Answer expect(Answer a, String what, int status) throws BadInputException, NetworkException {
    if (a.status() == status) {
      return a;
    }
    String detail = firstLine(new String(a.body(), 0, Math.min(a.body().length, 200), StandardCharsets.UTF_8));
    if (a.status() >= 500) {
      throw new NetworkException(ref.registry() + ": " + what + ": the registry answered " + a.status()
          + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }
    if (a.status() == 401) {
      throw new BadInputException(ref.registry() + ": " + what + ": authentication failed (401)"
          + credentials().map(c -> " for user " + c.username()).orElse("; no credentials found (docker login, --registry-auth)"));
    }
    if (a.status() == 403) {
      throw new BadInputException(ref.registry() + ": " + what + ": access denied (403)");
    }
    throw new BadInputException(ref.registry() + ": " + what + ": unexpected answer " + a.status()
        + (detail.isEmpty() ? "" : " (" + detail + ")"));
  }

  /**
   * Sends a request, answering a 401 challenge once (Basic, or Bearer through the token realm)
   * and following redirects without credentials. Bodies larger than {@code max} are refused.
   */
  Answer send(String method, String pathOrUrl, Map<String, String> headers, byte[] body, int max, boolean idempotent)
      throws IOException, BadInputException {
    URI uri;
    if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
      // an upload Location: stay on this scheme and host (never send credentials elsewhere)
      uri = requireHttp(parseUri(pathOrUrl));
      URI b = URI.create(base);
      if (!b.getScheme().equalsIgnoreCase(uri.getScheme()) || !b.getAuthority().equals(uri.getAuthority())) {
        throw new BadInputException(ref.registry() + ": the registry sent an upload location on another host: "
            + firstLine(String.valueOf(uri.getAuthority())));
      }
    } else {
      // our paths, or an upload Location the registry sent relative to itself
      uri = requireHttp(parseUri(base + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl));
    }
    Answer a = exchange(method, uri, headers, body, max, authorization);
    if (a.status() == 401) {
      String challenge = a.header("WWW-Authenticate").orElse("");
      authorization = authorize(challenge, method);
      a = exchange(method, uri, headers, body, max, authorization);
    }
    int redirects = 0;
    while (idempotent && (a.status() == 301 || a.status() == 302 || a.status() == 307 || a.status() == 308)) {
      if (++redirects > MAX_REDIRECTS) {
        throw new BadInputException(ref.registry() + ": more than " + MAX_REDIRECTS + " redirects");
      }
      URI next = requireHttp(uri.resolve(parseUri(a.header("Location").orElseThrow(
          () -> new BadInputException(ref.registry() + ": a redirect without Location")))));
      if (uri.getScheme().equalsIgnoreCase("https") && !next.getScheme().equalsIgnoreCase("https")) {
        throw new BadInputException(ref.registry() + ": refusing a redirect from HTTPS to " + next.getScheme());
      }
      boolean sameOrigin = next.getScheme().equalsIgnoreCase(uri.getScheme()) && next.getAuthority().equals(uri.getAuthority());
      a = exchange(method, next, headers, body, max, sameOrigin ? authorization : null);
      uri = next;
    }
    return a;
  }

  private Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, int max, String auth)
      throws IOException, BadInputException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(rb::header);
    if (auth != null) {
      rb.header("Authorization", auth);
    }
    HttpResponse<InputStream> r;
    try {
      r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new NetworkException(ref.registry() + ": connection timed out");
    } catch (HttpTimeoutException e) {
      throw new NetworkException(ref.registry() + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new NetworkException(ref.registry() + ": cannot connect (" + (e.getMessage() != null ? e.getMessage() : "connection refused") + ")");
    } catch (SSLException e) {
      throw new NetworkException(ref.registry() + ": TLS failed (" + firstLine(String.valueOf(rootCause(e).getMessage()))
          + ")" + (access.ca().isEmpty() ? "; for a private CA give --ca FILE" : ""));
    } catch (IOException e) {
      throw new NetworkException(ref.registry() + ": " + method + " " + uri.getPath() + " failed ("
          + firstLine(String.valueOf(rootCause(e).getMessage())) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(ref.registry() + ": interrupted");
    }
    Map<String, String> h = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v.isEmpty() ? "" : v.getFirst()));
    boolean success = r.statusCode() >= 200 && r.statusCode() < 300;
    int limit = success ? max : MAX_ERROR_BODY;
    byte[] content;
    try (InputStream in = r.body()) {
      long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (success && !method.equals("HEAD") && declared > limit) {
        throw new BadInputException(ref.registry() + ": " + uri.getPath() + ": the registry answered " + declared
            + " bytes, more than the " + limit + " expected");
      }
      content = in.readNBytes(limit);
      if (success && !method.equals("HEAD") && in.read() != -1) {
        throw new BadInputException(ref.registry() + ": " + uri.getPath() + ": the registry answered more than the "
            + limit + " bytes expected");
      }
    } catch (IOException e) {
      throw new NetworkException(ref.registry() + ": reading " + uri.getPath() + " failed ("
          + firstLine(String.valueOf(e.getMessage())) + ")");
    }
    return new Answer(r.statusCode(), h, content);
  }

  private Optional<Credentials> credentials() throws BadInputException {
    if (!credentialsLooked) {
      credentialsLooked = true;
      credentials = access.registryAuth().isPresent()
          ? Optional.of(CredentialSources.explicit(access.registryAuth().get(), access.env()))
          : CredentialSources.lookup(ref.registry(), access.env());
    }
    return credentials;
  }

  /** The Authorization header that answers a 401 challenge. */
  private String authorize(String header, String method) throws IOException, BadInputException {
    Challenge challenge = Challenge.parse(header, ref.registry());
    if (challenge.isBasic()) {
      return credentials().orElseThrow(() -> new BadInputException(ref.registry()
          + ": authentication required and no credentials found (docker login, --registry-auth)")).basicHeader();
    }
    if (!challenge.isBearer()) {
      throw new BadInputException(ref.registry() + ": unsupported authentication scheme '" + firstLine(challenge.scheme()) + "'");
    }
    URI realm = challenge.realm(ref.registry());
    if (!"https".equalsIgnoreCase(realm.getScheme()) && !access.insecure()) {
      throw new BadInputException(ref.registry() + ": token realm " + realm + " is not HTTPS");
    }
    String scope = "repository:" + ref.repository() + (method.equals("GET") || method.equals("HEAD") ? ":pull" : ":pull,push");
    Answer t = exchange("GET", challenge.tokenRequest(scope, ref.registry()), Map.of(), null, MAX_TOKEN,
        credentials().map(Credentials::basicHeader).orElse(null));
    if (t.status() == 401 || t.status() == 403) {
      throw new BadInputException(ref.registry() + ": the token service refused"
          + credentials().map(c -> " user " + c.username()).orElse(" anonymous access") + " (" + t.status() + ")");
    }
    expect(t, "GET token", 200);
    return "Bearer " + CredentialJson.token(t.body(), ref.registry() + ": token answer");
  }

  /**
   * A URL as the registry sent it (a Location header, absolute or relative): well-formed, or one
   * line naming it (URI.create would throw an unchecked exception at bpfsign's user).
   */
  private URI parseUri(String text) throws BadInputException {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new BadInputException(ref.registry() + ": the registry sent a malformed URL '" + firstLine(text) + "'");
    }
  }

  /** An absolute http(s) URI with a host, the only kind bpfsign sends a request to. */
  private URI requireHttp(URI u) throws BadInputException {
    if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
        || u.getRawAuthority() == null) {
      throw new BadInputException(ref.registry() + ": the registry sent a URL that is not http(s) with a host: '"
          + firstLine(u.toString()) + "'");
    }
    return u;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    t = nl >= 0 ? t.substring(0, nl) : t;
    t = t.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 160 ? t.substring(0, 160) + "…" : t;
  }
}
