package dev.bpfsign.oci.json;

import dev.bpfsign.loader.BadInputException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The JSON of registry credentials as the container tools keep them: Docker's
 * {@code config.json} and Podman's {@code auth.json} ({@code auths}, {@code credHelpers},
 * {@code credsStore}), the answer of a {@code docker-credential-*} helper, and a bearer token
 * answer.
 */
public final class CredentialJson {
  private CredentialJson() {}

  /** What a config file says about one registry. */
  public record ConfigEntry(Optional<String> auth, Optional<String> identityToken, Optional<String> helper) {}

  /**
   * The entry of {@code registry} in a Docker/Podman config file: its {@code auths} entry (base64
   * {@code user:password}), else its {@code credHelpers} helper, else the {@code credsStore}.
   */
  public static ConfigEntry configEntry(byte[] json, String registry, String source) throws BadInputException {
    JsonNode root = OciJson.parse(json, source);
    Optional<String> auth = Optional.empty();
    Optional<String> identity = Optional.empty();
    JsonNode auths = root.get("auths");
    if (auths != null && auths.isObject()) {
      JsonNode entry = auths.get(registry);
      if (entry == null) {
        entry = auths.get("https://" + registry);
      }
      if (entry != null && entry.isObject()) {
        auth = OciJson.optionalText(entry, "auth", source + ": auths." + registry).filter(s -> !s.isEmpty());
        identity = OciJson.optionalText(entry, "identitytoken", source + ": auths." + registry).filter(s -> !s.isEmpty());
      }
    }
    Optional<String> helper = Optional.empty();
    JsonNode helpers = root.get("credHelpers");
    if (helpers != null && helpers.isObject()) {
      helper = OciJson.optionalText(helpers, registry, source + ": credHelpers");
    }
    if (helper.isEmpty()) {
      helper = OciJson.optionalText(root, "credsStore", source).filter(s -> !s.isEmpty());
    }
    return new ConfigEntry(auth, identity, helper);
  }

  /** {@code {"Username": …, "Secret": …}} from {@code docker-credential-NAME get}. */
  public static String[] helperAnswer(byte[] json, String source) throws BadInputException {
    JsonNode root = OciJson.parse(json, source);
    return new String[] {OciJson.text(root, "Username", source), OciJson.text(root, "Secret", source)};
  }

  /** The token of a bearer token answer ({@code token}, or {@code access_token} as OAuth2 names it). */
  public static String token(byte[] json, String source) throws BadInputException {
    JsonNode root = OciJson.parse(json, source);
    Optional<String> token = OciJson.optionalText(root, "token", source);
    if (token.isEmpty()) {
      token = OciJson.optionalText(root, "access_token", source);
    }
    return token.filter(t -> !t.isEmpty())
        .orElseThrow(() -> new BadInputException(source + ": the token answer holds no token"));
  }
}
