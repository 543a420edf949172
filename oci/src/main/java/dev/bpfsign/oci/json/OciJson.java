package dev.bpfsign.oci.json;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.io.JsonShape;
import dev.bpfsign.oci.Descriptor;
import dev.bpfsign.oci.Digest;
import dev.bpfsign.oci.Manifest;
import dev.bpfsign.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Manifests and indexes to and from JSON. Written bytes are a pure function of the record (fixed
 * field order, annotations sorted, no whitespace), so the same loader always gets the same
 * manifest digest. Reading treats the bytes as hostile: any shape other than the one expected is
 * one {@link BadInputException} naming the source.
 */
public final class OciJson {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private OciJson() {}

  public static byte[] writeManifest(Manifest m) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", m.mediaType());
    m.artifactType().ifPresent(t -> root.put("artifactType", t));
    root.set("config", descriptor(m.config()));
    ArrayNode layers = root.putArray("layers");
    m.layers().forEach(l -> layers.add(descriptor(l)));
    m.subject().ifPresent(s -> root.set("subject", descriptor(s)));
    if (!m.annotations().isEmpty()) {
      root.set("annotations", annotations(m.annotations()));
    }
    return bytes(root);
  }

  public static byte[] writeIndex(List<Descriptor> manifests) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.IMAGE_INDEX);
    ArrayNode list = root.putArray("manifests");
    manifests.forEach(d -> list.add(descriptor(d)));
    return bytes(root);
  }

  public static Manifest readManifest(byte[] json, String source) throws BadInputException {
    JsonNode root = parse(json, source);
    requireSchemaVersion2(root, source);
    String mediaType = text(root, "mediaType", source);
    if (!MediaTypes.IMAGE_MANIFEST.equals(mediaType)) {
      throw new BadInputException(source + ": media type '" + mediaType + "' is not an OCI image manifest");
    }
    JsonNode layersNode = root.get("layers");
    if (layersNode == null || !layersNode.isArray()) {
      throw new BadInputException(source + ": no \"layers\" array");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : layersNode) {
      layers.add(readDescriptor(l, source + ": layer " + layers.size()));
    }
    JsonNode config = root.get("config");
    if (config == null) {
      throw new BadInputException(source + ": no \"config\"");
    }
    JsonNode subject = root.get("subject");
    return new Manifest(mediaType, optionalText(root, "artifactType", source), readDescriptor(config, source + ": config"),
        layers, subject == null ? Optional.empty() : Optional.of(readDescriptor(subject, source + ": subject")),
        readAnnotations(root, source));
  }

  /** The descriptors of an image index (a referrers answer or a tag-schema referrers index). */
  public static List<Descriptor> readIndex(byte[] json, String source) throws BadInputException {
    JsonNode root = parse(json, source);
    requireSchemaVersion2(root, source);
    String mediaType = optionalText(root, "mediaType", source).orElse(MediaTypes.IMAGE_INDEX);
    if (!MediaTypes.IMAGE_INDEX.equals(mediaType)) {
      throw new BadInputException(source + ": media type '" + mediaType + "' is not an OCI image index");
    }
    JsonNode list = root.get("manifests");
    if (list == null || !list.isArray()) {
      throw new BadInputException(source + ": no \"manifests\" array");
    }
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode d : list) {
      out.add(readDescriptor(d, source + ": manifest " + out.size()));
    }
    return out;
  }

  private static ObjectNode descriptor(Descriptor d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    d.artifactType().ifPresent(t -> n.put("artifactType", t));
    if (!d.annotations().isEmpty()) {
      n.set("annotations", annotations(d.annotations()));
    }
    return n;
  }

  private static ObjectNode annotations(Map<String, String> a) {
    ObjectNode n = MAPPER.createObjectNode();
    a.forEach(n::put); // a TreeMap: sorted keys, stable bytes
    return n;
  }

  private static Descriptor readDescriptor(JsonNode n, String where) throws BadInputException {
    if (n == null || !n.isObject()) {
      throw new BadInputException(where + ": not a descriptor object");
    }
    JsonNode size = n.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
      throw new BadInputException(where + ": \"size\" is not a non-negative integer");
    }
    return new Descriptor(text(n, "mediaType", where), Digest.parse(text(n, "digest", where), where), size.longValue(),
        optionalText(n, "artifactType", where), readAnnotations(n, where));
  }

  private static Map<String, String> readAnnotations(JsonNode n, String where) throws BadInputException {
    JsonNode a = n.get("annotations");
    if (a == null) {
      return Map.of();
    }
    if (!a.isObject()) {
      throw new BadInputException(where + ": \"annotations\" is not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!e.getValue().isString()) {
        throw new BadInputException(where + ": annotation '" + e.getKey() + "' is not a string");
      }
      out.put(e.getKey(), e.getValue().stringValue());
    }
    return out;
  }

  private static void requireSchemaVersion2(JsonNode root, String source) throws BadInputException {
    JsonNode v = root.get("schemaVersion");
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 2) {
      throw new BadInputException(source + ": \"schemaVersion\" is not 2");
    }
  }

  static JsonNode parse(byte[] json, String source) throws BadInputException {
    if (JsonShape.isBlank(json)) {
      throw new BadInputException(source + ": empty; expected a JSON object");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      // in our words: Jackson's message describes its parser, not the answer
      TokenStreamLocation l = e.getLocation();
      throw new BadInputException(source + ": not JSON (" + (l == null ? JsonShape.why(json, -1, 0, 0)
          : JsonShape.why(json, l.getByteOffset(), l.getLineNr(), l.getColumnNr())) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(source + ": not a JSON object");
    }
    return root;
  }

  static String text(JsonNode n, String field, String where) throws BadInputException {
    return optionalText(n, field, where)
        .orElseThrow(() -> new BadInputException(where + ": no \"" + field + "\" string"));
  }

  static Optional<String> optionalText(JsonNode n, String field, String where) throws BadInputException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isString()) {
      throw new BadInputException(where + ": \"" + field + "\" is not a string");
    }
    return Optional.of(v.stringValue());
  }

  private static byte[] bytes(ObjectNode root) {
    return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
  }
}
