package dev.bpfsign.oci.auth;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.oci.json.CredentialJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where registry credentials come from, first match wins: {@code --registry-auth} (a file or an
 * environment variable holding {@code USER:PASSWORD}), then the files the container tools keep
 * ({@code $REGISTRY_AUTH_FILE}, Podman's {@code $XDG_RUNTIME_DIR/containers/auth.json} and
 * {@code ~/.config/containers/auth.json}, Docker's {@code $DOCKER_CONFIG/config.json} or
 * {@code ~/.docker/config.json}) with their {@code docker-credential-*} helpers. Nothing found
 * means anonymous access.
 */
public final class CredentialSources {
  private static final int MAX_FILE = 1 << 20;
  private static final long HELPER_TIMEOUT_SECONDS = 20;

  private CredentialSources() {}

  /** {@code file:PATH} or {@code env:VAR}, holding {@code USER:PASSWORD} on its first line. */
  public static Credentials explicit(String spec, Map<String, String> env) throws BadInputException {
    String value;
    if (spec.startsWith("env:")) {
      String var = spec.substring(4);
      value = env.get(var);
      if (value == null) {
        throw new BadInputException("--registry-auth: environment variable " + var + " is not set");
      }
    } else if (spec.startsWith("file:")) {
      Path p = Path.of(spec.substring(5));
      try {
        if (Files.size(p) > MAX_FILE) {
          throw new BadInputException("--registry-auth: " + p + " is larger than " + MAX_FILE + " bytes");
        }
        value = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BadInputException("--registry-auth: cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      throw new BadInputException("--registry-auth must be env:VAR or file:PATH, not '" + spec + "'");
    }
    String line = value.lines().findFirst().orElse("");
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new BadInputException("--registry-auth: expected USER:PASSWORD");
    }
    return new Credentials(line.substring(0, colon), line.substring(colon + 1));
  }

  /** The config files searched, in order. */
  public static List<Path> configFiles(Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Optional.ofNullable(env.get("REGISTRY_AUTH_FILE")).ifPresent(f -> files.add(Path.of(f)));
    Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).ifPresent(d -> files.add(Path.of(d, "containers", "auth.json")));
    String xdgConfig = env.get("XDG_CONFIG_HOME");
    files.add(xdgConfig != null ? Path.of(xdgConfig, "containers", "auth.json") : Path.of(home, ".config", "containers", "auth.json"));
    String docker = env.get("DOCKER_CONFIG");
    files.add(docker != null ? Path.of(docker, "config.json") : Path.of(home, ".docker", "config.json"));
    return files;
  }

  /** The credentials the container tools keep for {@code registry}, if any. */
  public static Optional<Credentials> lookup(String registry, Map<String, String> env) throws BadInputException {
    for (Path file : configFiles(env)) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      byte[] json;
      try {
        if (Files.size(file) > MAX_FILE) {
          throw new BadInputException(file + ": larger than " + MAX_FILE + " bytes");
        }
        json = Files.readAllBytes(file);
      } catch (IOException e) {
        continue; // unreadable by this user: as if absent, as the container tools do
      }
      CredentialJson.ConfigEntry entry = CredentialJson.configEntry(json, registry, file.toString());
      if (entry.auth().isPresent()) {
        return Optional.of(decode(entry.auth().get(), file + ": auths." + registry));
      }
      if (entry.identityToken().isPresent()) {
        throw new BadInputException(file + ": auths." + registry + " holds an identity token (OAuth2 refresh token),"
            + " which bpfsign does not use; give --registry-auth");
      }
      if (entry.helper().isPresent()) {
        return Optional.of(helper(entry.helper().get(), registry, env));
      }
    }
    return Optional.empty();
  }

  private static Credentials decode(String base64, String where) throws BadInputException {
    String plain;
    try {
      plain = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(where + ": \"auth\" is not base64");
    }
    int colon = plain.indexOf(':');
    if (colon <= 0) {
      throw new BadInputException(where + ": \"auth\" is not base64 of USER:PASSWORD");
    }
    return new Credentials(plain.substring(0, colon), plain.substring(colon + 1));
  }

  /** The program on the {@code PATH} of {@code env}, as a shell would find it. */
  private static Optional<Path> onPath(String program, Map<String, String> env) {
    for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.of(Path.of(dir, program));
      }
    }
    return Optional.empty();
  }

  /** Runs {@code docker-credential-NAME get} with the registry on stdin, as the Docker CLI does. */
  private static Credentials helper(String name, String registry, Map<String, String> env) throws BadInputException {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new BadInputException("credential helper name '" + name + "' is not a plain name");
    }
    String program = "docker-credential-" + name;
    Path executable = onPath(program, env)
        .orElseThrow(() -> new BadInputException(program + ": not found on PATH (named by the container tools' config)"));
    try {
      Process p = new ProcessBuilder(executable.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(registry.getBytes(StandardCharsets.UTF_8));
      }
      byte[] answer;
      try (InputStream out = p.getInputStream()) {
        answer = out.readNBytes(MAX_FILE);
      }
      if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BadInputException(program + ": no answer within " + HELPER_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new BadInputException(program + " get: exit " + p.exitValue() + " for " + registry);
      }
      String[] userSecret = CredentialJson.helperAnswer(answer, program);
      if (userSecret[0].equals("<token>")) {
        throw new BadInputException(program + ": answered an identity token, which bpfsign does not use; give --registry-auth");
      }
      return new Credentials(userSecret[0], userSecret[1]);
    } catch (IOException e) {
      throw new BadInputException(program + ": cannot run (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadInputException(program + ": interrupted");
    }
  }
}
