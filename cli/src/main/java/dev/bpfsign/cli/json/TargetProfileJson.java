package dev.bpfsign.cli.json;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Printable;
import dev.bpfsign.loader.target.TargetProfile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A target profile's JSON form ({@code "schema": "bpfsign.target/v1"}, docs/targets.md). The
 * model and its checks live in loader-core ({@link TargetProfile}); this class only maps JSON to
 * it and back, strictly: an unknown field, a wrong type or another schema is one line naming
 * the file and the field, with any text from the file escaped.
 */
public final class TargetProfileJson {
  private static final Set<String> FIELDS = Set.of("schema", "kernel_release", "kernel_version", "possible_cpus",
      "kconfig", "kallsyms", "kallsyms_ambiguous", "sources", "captured_at");

  private final String file;

  private TargetProfileJson(String file) {
    this.file = file;
  }

  /** Parses and checks a profile; {@code file} names it in messages. */
  public static TargetProfile parse(byte[] json, String file) throws BadInputException {
    JsonNode root = JsonInput.object(json, file, "a target profile (" + TargetProfile.SCHEMA + ")");
    return new TargetProfileJson(file).profile(root).check(file);
  }

  /** The profile as indented JSON: fields in schema order, maps sorted by name, absent fields left out. */
  public static byte[] write(TargetProfile p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", TargetProfile.SCHEMA);
    putIf(doc, "kernel_release", p.kernelRelease());
    putIf(doc, "kernel_version", p.kernelVersion());
    putIf(doc, "possible_cpus", p.possibleCpus());
    putIf(doc, "kconfig", p.kconfig());
    if (p.kallsyms() != null) {
      SortedMap<String, String> addresses = new TreeMap<>();
      List<String> ambiguous = new java.util.ArrayList<>();
      p.kallsyms().forEach((name, addr) -> {
        if (addr == null) {
          ambiguous.add(name);
        } else {
          addresses.put(name, Long.toHexString(addr));
        }
      });
      doc.put("kallsyms", addresses);
      if (!ambiguous.isEmpty()) {
        doc.put("kallsyms_ambiguous", ambiguous);
      }
    }
    if (!p.sources().isEmpty()) {
      doc.put("sources", p.sources());
    }
    putIf(doc, "captured_at", p.capturedAt());
    return (Json.mapper().writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void putIf(Map<String, Object> doc, String name, Object value) {
    if (value != null) {
      doc.put(name, value);
    }
  }

  private TargetProfile profile(JsonNode root) throws BadInputException {
    if (root == null || !root.isObject()) {
      throw new BadInputException(file + ": a target profile is a JSON object (schema " + TargetProfile.SCHEMA + ")");
    }
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new BadInputException(file + ": unknown field " + Printable.quote(name) + " (known: " + FIELDS.stream().sorted().toList() + ")");
      }
    }
    JsonNode schema = root.get("schema");
    if (schema == null) {
      throw new BadInputException(file + ": field 'schema' is missing; expected \"" + TargetProfile.SCHEMA + "\"");
    }
    if (!schema.isString() || !schema.stringValue().equals(TargetProfile.SCHEMA)) {
      throw bad("schema", (schema.isString() ? Printable.quote(schema.stringValue()) : "a " + schema.getNodeType().name().toLowerCase())
          + " is not \"" + TargetProfile.SCHEMA + "\" (this bpfsign reads only that version)");
    }
    String release = string(root, "kernel_release");
    String version = string(root, "kernel_version");
    Integer cpus = null;
    JsonNode c = root.get("possible_cpus");
    if (c != null) {
      if (!c.isIntegralNumber() || !c.canConvertToInt()) {
        throw bad("possible_cpus", "expected an integer");
      }
      cpus = c.intValue();
    }
    SortedMap<String, String> kconfig = stringMap(root, "kconfig");
    SortedMap<String, Long> kallsyms = null;
    SortedMap<String, String> addresses = stringMap(root, "kallsyms");
    if (addresses != null) {
      kallsyms = new TreeMap<>();
      for (Map.Entry<String, String> e : addresses.entrySet()) {
        String hex = e.getValue();
        if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
          throw bad("kallsyms." + Printable.quote(e.getKey()), Printable.quote(hex) + " is not a hexadecimal address");
        }
        kallsyms.put(e.getKey(), Long.parseUnsignedLong(hex, 16));
      }
    }
    JsonNode amb = root.get("kallsyms_ambiguous");
    if (amb != null) {
      if (kallsyms == null) {
        throw bad("kallsyms_ambiguous", "given without 'kallsyms'");
      }
      if (!amb.isArray()) {
        throw bad("kallsyms_ambiguous", "expected an array of symbol names");
      }
      for (int i = 0; i < amb.size(); i++) {
        JsonNode n = amb.get(i);
        if (!n.isString()) {
          throw bad("kallsyms_ambiguous[" + i + "]", "expected a string");
        }
        if (kallsyms.containsKey(n.stringValue())) {
          throw bad("kallsyms_ambiguous[" + i + "]", Printable.quote(n.stringValue()) + " also has an address in 'kallsyms'");
        }
        kallsyms.put(n.stringValue(), null);
      }
    }
    SortedMap<String, String> sources = stringMap(root, "sources");
    return new TargetProfile(release, version, cpus, kconfig, kallsyms, sources, string(root, "captured_at"));
  }

  private String string(JsonNode root, String field) throws BadInputException {
    JsonNode v = root.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isString()) {
      throw bad(field, "expected a string");
    }
    return v.stringValue();
  }

  private SortedMap<String, String> stringMap(JsonNode root, String field) throws BadInputException {
    JsonNode v = root.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw bad(field, "expected an object of strings");
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (String name : v.propertyNames()) {
      JsonNode e = v.get(name);
      if (!e.isString()) {
        throw bad(field + "." + Printable.quote(name), "expected a string");
      }
      out.put(name, e.stringValue());
    }
    return out;
  }

  private BadInputException bad(String field, String message) {
    return new BadInputException(file + ": field '" + field + "': " + message);
  }
}
