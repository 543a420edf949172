package dev.bpfsign.oci.http;

import dev.bpfsign.loader.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code WWW-Authenticate} challenge of a registry's 401 answer (RFC 7235 as registries
 * send it: {@code Basic realm="…"} or {@code Bearer realm="https://…",service="…",scope="…"}),
 * read as hostile input: a header bpfsign cannot use is one {@link BadInputException}, and the
 * token request it leads to is a well-formed URI or nothing. No I/O here.
 *
 * @param scheme the authentication scheme as sent ({@code Basic}, {@code Bearer}, …)
 * @param params the {@code name="value"} parameters, names in lower case, the first of each kept
 */
public record Challenge(String scheme, Map<String, String> params) {
  /** Far above any registry's challenge; a longer header is not read. */
  static final int MAX_LENGTH = 8192;
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

  public Challenge {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Parses a challenge; {@code where} (the registry) names it in messages. */
  public static Challenge parse(String header, String where) throws BadInputException {
    if (header.length() > MAX_LENGTH) {
      throw new BadInputException(where + ": the authentication challenge (WWW-Authenticate) is longer than "
          + MAX_LENGTH + " characters");
    }
    String h = header.strip();
    int space = h.indexOf(' ');
    String scheme = space < 0 ? h : h.substring(0, space);
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(h);
    while (m.find()) {
      params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    return new Challenge(scheme, params);
  }

  public boolean isBasic() {
    return scheme.equalsIgnoreCase("Basic");
  }

  public boolean isBearer() {
    return scheme.equalsIgnoreCase("Bearer");
  }

  /** The token service of a Bearer challenge: an absolute http(s) URI with a host. */
  public URI realm(String where) throws BadInputException {
    String realm = params.get("realm");
    if (realm == null) {
      throw new BadInputException(where + ": Bearer challenge without realm");
    }
    URI uri;
    try {
      uri = new URI(realm);
    } catch (URISyntaxException e) {
      throw new BadInputException(where + ": the token realm '" + realm + "' is not a URL");
    }
    if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null || uri.getRawFragment() != null) {
      throw new BadInputException(where + ": the token realm '" + realm + "' is not an http(s) URL with a host");
    }
    return uri;
  }

  /**
   * The token request of a Bearer challenge: the realm with {@code service} and {@code scope}
   * (the challenge's own, else {@code defaultScope}) as query parameters.
   */
  public URI tokenRequest(String defaultScope, String where) throws BadInputException {
    URI realm = realm(where);
    String scope = Optional.ofNullable(params.get("scope")).orElse(defaultScope);
    StringBuilder q = new StringBuilder(realm.toString()).append(realm.getRawQuery() != null ? "&" : "?");
    if (params.containsKey("service")) {
      q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    q.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    try {
      return new URI(q.toString());
    } catch (URISyntaxException e) {
      // the realm parsed and the parameters are encoded: only a realm ending oddly gets here
      throw new BadInputException(where + ": the token realm '" + realm + "' does not take query parameters");
    }
  }
}
