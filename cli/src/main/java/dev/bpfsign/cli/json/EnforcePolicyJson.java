package dev.bpfsign.cli.json;

import dev.bpfsign.loader.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an enforce policy file ({@code "schema": "bpfsign.enforce-policy/v1"}, docs/enforce.md):
 * what {@code bpfsign enforce} takes as options, kept in a file. Strict: an unknown field or a
 * wrong type names the file and the field.
 *
 * @param mode {@code kernel-verified} or {@code service-gated}, when set
 * @param keyrings keyring names or serials a signed load may name
 * @param allowCgroups cgroup2 directories whose loads are allowed (the admission service)
 * @param allowTypes program type names always allowed (e.g. {@code cgroup_skb} for systemd)
 */
public record EnforcePolicyJson(Optional<String> mode, Optional<Boolean> audit, List<String> keyrings,
    List<String> allowCgroups, List<String> allowTypes) {
  public static final String SCHEMA = "bpfsign.enforce-policy/v1";
  private static final Set<String> FIELDS = Set.of("schema", "mode", "audit", "keyrings", "allow_cgroups",
      "allow_program_types", "description");

  public static EnforcePolicyJson read(Path path) throws BadInputException {
    JsonNode root = JsonInput.object(PolicyJson.readFile(path), path.toString(), "an enforce policy (" + SCHEMA + ")");
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new BadInputException(path + ": unknown field '" + name + "' (known: " + String.join(", ",
            FIELDS.stream().sorted().toList()) + ")");
      }
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isString() || !schema.stringValue().equals(SCHEMA)) {
      throw new BadInputException(path + ": field 'schema' must be \"" + SCHEMA + "\"");
    }
    JsonNode mode = root.get("mode");
    if (mode != null && !mode.isString()) {
      throw new BadInputException(path + ": field 'mode' must be a string (kernel-verified or service-gated)");
    }
    JsonNode audit = root.get("audit");
    if (audit != null && !audit.isBoolean()) {
      throw new BadInputException(path + ": field 'audit' must be true or false");
    }
    return new EnforcePolicyJson(Optional.ofNullable(mode).map(JsonNode::asString),
        Optional.ofNullable(audit).map(JsonNode::asBoolean), strings(root, "keyrings", path),
        strings(root, "allow_cgroups", path), strings(root, "allow_program_types", path));
  }

  private static List<String> strings(JsonNode root, String field, Path path) throws BadInputException {
    JsonNode n = root.get(field);
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (!n.isArray()) {
      throw new BadInputException(path + ": field '" + field + "' must be an array");
    }
    for (JsonNode e : n) {
      if (e.isString()) {
        out.add(e.stringValue());
      } else if (e.isIntegralNumber()) {
        out.add(Long.toString(e.asLong()));
      } else {
        throw new BadInputException(path + ": field '" + field + "' holds " + e + ", not a string");
      }
    }
    return out;
  }
}
