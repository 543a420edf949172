package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bpfsign.cli.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Validates bpfsign's JSON documents against the JSON Schemas in docs/schemas/ with a JSON
 * Schema validator (draft 2020-12). The document's own {@code "schema": "bpfsign.<command>/vN"}
 * names the file, {@code docs/schemas/<command>.vN.schema.json}: a document without it, or
 * naming a schema that is not there, fails.
 */
final class JsonSchemas {
  static {
    // the validator logs through SLF4J; slf4j-api's own no-op provider keeps it from printing
    // a "no providers" warning into every test log
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
  }

  private static final Pattern ID = Pattern.compile("bpfsign\\.([a-z][a-z-]*)/v([0-9]+)");
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

  private JsonSchemas() {}

  /** The problems of a document; empty when it is valid against the schema it names. */
  static List<String> problems(String json) {
    JsonNode root = Json.mapper().readTree(json);
    JsonNode id = root.get("schema");
    if (id == null || !id.isString()) {
      return List.of("no \"schema\" field");
    }
    Matcher m = ID.matcher(id.stringValue());
    if (!m.matches()) {
      return List.of("\"schema\" is not bpfsign.<command>/vN: " + id.stringValue());
    }
    Path file = schemaDir().resolve(m.group(1) + ".v" + m.group(2) + ".schema.json");
    if (!Files.isRegularFile(file)) {
      return List.of("no schema file " + file.getFileName() + " for " + id.stringValue());
    }
    Schema schema = LOADED.computeIfAbsent(file.toString(), f -> load(Path.of(f)));
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  /** Asserts the document is valid against the schema it names. */
  static void assertValid(String json) {
    assertThat(problems(json)).as("JSON Schema problems of%n%s", json).isEmpty();
  }

  /** docs/schemas of the repository, found from the module directory the tests run in. */
  static Path schemaDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path s = d.resolve("docs/schemas");
      if (Files.isDirectory(s)) {
        return s;
      }
    }
    throw new IllegalStateException("docs/schemas not found above " + Path.of("").toAbsolutePath());
  }

  private static Schema load(Path file) {
    try {
      return REGISTRY.getSchema(Files.readString(file), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
