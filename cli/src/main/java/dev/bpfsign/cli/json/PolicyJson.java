package dev.bpfsign.cli.json;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.verifier.Policy;
import dev.bpfsign.verifier.PolicyMode;
import dev.bpfsign.verifier.SignerRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads a policy file ({@code "schema": "bpfsign.policy/v2"}, docs/policy.md) into a
 * {@link Policy}. Strict: an unknown field, a wrong type or a bad value is a
 * {@link BadInputException} naming the file, the field and the expected type — a typo must not
 * silently drop a rule. v2 names its fields in snake_case like every bpfsign document; v1
 * files, whose fields are the same in camelCase, are still read, and messages name a field as
 * the file spells it.
 */
public final class PolicyJson {
  public static final String SCHEMA = "bpfsign.policy/v2";
  /** The first version, with camelCase field names ({@code allowedSigners}); still read. */
  public static final String SCHEMA_V1 = "bpfsign.policy/v1";
  /** The fields of v1, as v1 spells them; v2's are their snake_case forms. */
  private static final List<String> V1_FIELDS = List.of("schema", "mode", "allowedSigners", "threshold",
      "requireCodeSigning", "programTypes", "attachTargets", "forbiddenHelpers", "forbiddenKfuncs", "maxPrograms",
      "maxMaps", "maxMapMemory", "licenses", "denyKeys", "denyLoaders", "description");
  /** Fields added in v2 (the target rules, docs/targets.md); a v1 file does not have them. */
  private static final List<String> V2_ONLY_FIELDS = List.of("target_profiles", "kernel_releases");

  private final String file;
  /** snake_case name -> the name in this file's version. */
  private Map<String, String> names;

  private PolicyJson(String file) {
    this.file = file;
  }

  /** A field's name as this file's version spells it. */
  private String n(String snake) {
    return names.get(snake);
  }

  public static Policy read(Path path) throws BadInputException {
    return parse(readFile(path), path.toString());
  }

  /** Parses policy JSON; {@code file} names it in messages. */
  public static Policy parse(byte[] json, String file) throws BadInputException {
    return new PolicyJson(file).policy(JsonInput.object(json, file, "an admission policy (" + SCHEMA + ")"));
  }

  /** A policy file's bytes; a missing, unreadable or directory path is one line. */
  static byte[] readFile(Path path) throws BadInputException {
    if (Files.isDirectory(path)) {
      throw new BadInputException(path + ": is a directory, not a policy file");
    }
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path + ": no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new BadInputException(path + ": cannot read: permission denied", e);
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read: " + (e instanceof java.nio.file.FileSystemException f
          && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()), e);
    }
  }

  private Policy policy(JsonNode root) throws BadInputException {
    JsonNode schema = root.get("schema");
    if (schema == null) {
      throw new BadInputException(file + ": field 'schema' is missing; expected \"" + SCHEMA + "\"");
    }
    if (schema.isString() && schema.stringValue().equals(EnforcePolicyJson.SCHEMA)) {
      throw new BadInputException(file + ": is an enforce policy (" + EnforcePolicyJson.SCHEMA + ", for bpfsign enforce"
          + " --policy); verify and load --policy take an admission policy, \"" + SCHEMA + "\" (docs/policy.md)");
    }
    if (!schema.isString() || !(schema.stringValue().equals(SCHEMA) || schema.stringValue().equals(SCHEMA_V1))) {
      throw error("schema", "the string \"" + SCHEMA + "\" (or \"" + SCHEMA_V1 + "\")", schema);
    }
    boolean v1 = schema.stringValue().equals(SCHEMA_V1);
    names = new LinkedHashMap<>();
    V1_FIELDS.forEach(f -> names.put(Json.fieldName(f), v1 ? f : Json.fieldName(f)));
    if (!v1) {
      V2_ONLY_FIELDS.forEach(f -> names.put(f, f));
    }
    Set<String> known = new TreeSet<>(names.values());
    for (String name : root.propertyNames()) {
      if (!known.contains(name)) {
        throw new BadInputException(file + ": unknown field '" + name + "' (known: " + known + ")");
      }
    }
    Policy.Builder b = Policy.builder();
    JsonNode mode = root.get("mode");
    if (mode != null) {
      if (!mode.isString() || !Set.of("enforce", "audit").contains(mode.stringValue())) {
        throw error("mode", "\"enforce\" or \"audit\"", mode);
      }
      b.mode(mode.stringValue().equals("audit") ? PolicyMode.AUDIT : PolicyMode.ENFORCE);
    }
    if (root.has(n("allowed_signers"))) {
      b.allowedSigners(signers(root.get(n("allowed_signers"))));
    }
    if (root.has("threshold")) {
      b.threshold((int) integer(root, "threshold", 1, Integer.MAX_VALUE));
    }
    if (root.has(n("require_code_signing"))) {
      JsonNode v = root.get(n("require_code_signing"));
      if (!v.isBoolean()) {
        throw error(n("require_code_signing"), "a boolean", v);
      }
      b.requireCodeSigning(v.booleanValue());
    }
    if (root.has(n("program_types"))) b.programTypes(strings(root, n("program_types")));
    if (root.has(n("attach_targets"))) b.attachTargets(strings(root, n("attach_targets")));
    if (root.has(n("forbidden_helpers"))) b.forbiddenHelpers(strings(root, n("forbidden_helpers")));
    if (root.has(n("forbidden_kfuncs"))) b.forbiddenKfuncs(strings(root, n("forbidden_kfuncs")));
    if (root.has("licenses")) b.licenses(strings(root, "licenses"));
    if (root.has(n("max_programs"))) b.maxPrograms((int) integer(root, n("max_programs"), 0, Integer.MAX_VALUE));
    if (root.has(n("max_maps"))) b.maxMaps((int) integer(root, n("max_maps"), 0, Integer.MAX_VALUE));
    if (root.has(n("max_map_memory"))) b.maxMapMemory(integer(root, n("max_map_memory"), 0, Long.MAX_VALUE));
    if (root.has(n("deny_keys"))) b.deniedKeys(hexes(root, n("deny_keys"), -1));
    if (root.has(n("deny_loaders"))) b.deniedLoaders(hexes(root, n("deny_loaders"), 32));
    if (!v1 && root.has("target_profiles")) b.targetProfiles(hexes(root, "target_profiles", 32));
    if (!v1 && root.has("kernel_releases")) b.kernelReleases(releases(root, "kernel_releases"));
    if (root.has("description") && !root.get("description").isString()) {
      throw error("description", "a string", root.get("description"));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": " + e.getMessage(), e);
    }
  }

  private List<SignerRule> signers(JsonNode array) throws BadInputException {
    if (!array.isArray()) {
      throw error(n("allowed_signers"), "an array of objects", array);
    }
    List<SignerRule> rules = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String field = n("allowed_signers") + "[" + i + "]";
      JsonNode e = array.get(i);
      if (!e.isObject() || e.size() != 1) {
        throw error(field, "an object with exactly one of \"fingerprint\", \"skid\", \"subject\"", e);
      }
      String kind = e.propertyNames().iterator().next();
      JsonNode v = e.get(kind);
      if (!v.isString()) {
        throw error(field + "." + kind, "a string", v);
      }
      try {
        rules.add(switch (kind) {
          case "fingerprint" -> SignerRule.fingerprint(v.stringValue());
          case "skid" -> SignerRule.skid(v.stringValue());
          case "subject" -> SignerRule.subject(v.stringValue());
          default -> throw error(field, "one of \"fingerprint\", \"skid\", \"subject\" (not \"" + kind + "\")");
        });
      } catch (IllegalArgumentException ex) {
        throw new BadInputException(file + ": field '" + field + "." + kind + "': " + ex.getMessage(), ex);
      }
    }
    return rules;
  }

  private List<String> strings(JsonNode root, String field) throws BadInputException {
    JsonNode array = root.get(field);
    if (!array.isArray()) {
      throw error(field, "an array of strings", array);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      if (!e.isString() || e.stringValue().isEmpty()) {
        throw error(field + "[" + i + "]", "a non-empty string", e);
      }
      out.add(e.stringValue());
    }
    return out;
  }

  /** Kernel releases as {@code uname -r} prints them: printable, no spaces, at most 64 characters. */
  private List<String> releases(JsonNode root, String field) throws BadInputException {
    List<String> values = strings(root, field);
    for (int i = 0; i < values.size(); i++) {
      String r = values.get(i);
      if (r.length() > 64 || !dev.bpfsign.loader.Printable.isPrintable(r) || r.contains(" ")) {
        throw new BadInputException(file + ": field '" + field + "[" + i + "]': expected a kernel release (uname -r:"
            + " 1-64 printable characters, no spaces), got " + dev.bpfsign.loader.Printable.quote(r));
      }
    }
    return values;
  }

  private List<String> hexes(JsonNode root, String field, int bytes) throws BadInputException {
    List<String> values = strings(root, field);
    for (int i = 0; i < values.size(); i++) {
      try {
        SignerRule.normaliseHex(values.get(i), bytes);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(file + ": field '" + field + "[" + i + "]': expected "
            + (bytes > 0 ? "SHA-256 hex (64 digits)" : "hex") + ": " + e.getMessage(), e);
      }
    }
    return values;
  }

  private long integer(JsonNode root, String field, long min, long max) throws BadInputException {
    JsonNode v = root.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      throw error(field, "an integer from " + min + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max), v);
    }
    return v.longValue();
  }

  private BadInputException error(String field, String expected, JsonNode got) {
    return new BadInputException(file + ": field '" + field + "': expected " + expected + ", got " + describe(got));
  }

  private BadInputException error(String field, String expected) {
    return new BadInputException(file + ": field '" + field + "': expected " + expected);
  }

  private static String describe(JsonNode n) {
    if (n == null || n.isNull()) return "null";
    if (n.isString()) return "string \"" + n.stringValue() + "\"";
    if (n.isBoolean()) return "boolean " + n.booleanValue();
    if (n.isNumber()) return "number " + n;
    if (n.isArray()) return "an array";
    if (n.isObject()) return "an object";
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
