package dev.bpfsign.oci;

import dev.bpfsign.loader.BadInputException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an artifact lives: {@code [oci://]REGISTRY/REPOSITORY[:TAG][@sha256:HEX]}. The registry
 * is always named (there is no default registry: a host should never fetch BPF from one it did
 * not name). Without a tag or digest the tag is {@code latest}; with a digest, the digest wins
 * and the tag is only reported.
 */
public record Reference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
  public static final String SCHEME = "oci://";
  private static final Pattern REGISTRY = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** Whether a command-line argument names an OCI artifact rather than a file. */
  public static boolean isOci(String argument) {
    return argument.startsWith(SCHEME);
  }

  public static Reference parse(String text) throws BadInputException {
    String where = "reference '" + Digest.shorten(text) + "'";
    String s = text.startsWith(SCHEME) ? text.substring(SCHEME.length()) : text;
    Optional<Digest> digest = Optional.empty();
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(Digest.parse(s.substring(at + 1), where));
      s = s.substring(0, at);
    }
    int slash = s.indexOf('/');
    if (slash <= 0) {
      throw new BadInputException(where + ": expected REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST]");
    }
    String registry = s.substring(0, slash);
    if (!REGISTRY.matcher(registry).matches()) {
      throw new BadInputException(where + ": '" + registry + "' is not a registry host[:port]");
    }
    String rest = s.substring(slash + 1);
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      String t = rest.substring(colon + 1);
      if (!TAG.matcher(t).matches()) {
        throw new BadInputException(where + ": '" + Digest.shorten(t) + "' is not a tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
      }
      tag = Optional.of(t);
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty() || rest.length() > 255) {
      throw new BadInputException(where + ": the repository name is empty or longer than 255 characters");
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new BadInputException(where + ": repository component '" + Digest.shorten(component)
            + "' is not lowercase letters and digits separated by . _ __ or -");
      }
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of("latest");
    }
    return new Reference(registry, rest, tag, digest);
  }

  /** The same repository pinned to {@code d}. */
  public Reference at(Digest d) {
    return new Reference(registry, repository, tag, Optional.of(d));
  }

  /** What to ask the registry for: the digest when there is one, else the tag. */
  public String manifestReference() {
    return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
  }

  /** {@code registry/repository@sha256:…} when pinned, else {@code registry/repository:tag}. */
  @Override
  public String toString() {
    return registry + "/" + repository + digest.map(d -> "@" + d).orElseGet(() -> ":" + tag.orElseThrow());
  }

  /** The host part without the port, brackets removed, for the loopback check. */
  public String host() {
    String r = registry;
    if (r.startsWith("[")) {
      return r.substring(1, r.indexOf(']'));
    }
    int c = r.lastIndexOf(':');
    return c >= 0 ? r.substring(0, c) : r;
  }
}
