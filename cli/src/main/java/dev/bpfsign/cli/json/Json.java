package dev.bpfsign.cli.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.PrintWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place Jackson is configured, and so the one place the JSON conventions of docs/cli.md
 * are made: field names are snake_case (as bpftool's JSON), absent values are left out (never
 * {@code null} or {@code ""}). Reports are records; their component order is the JSON field
 * order, so output is stable.
 */
public final class Json {
  private static final SnakeCase NAMES = new SnakeCase();

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .propertyNamingStrategy(NAMES)
      .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.NON_NULL))
      .build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** A Java name ({@code keySize}) as a JSON field name ({@code key_size}), for map keys. */
  public static String fieldName(String javaName) {
    return NAMES.translate(javaName);
  }

  /** Jackson's snake_case rule, with its translation reachable for map keys. */
  private static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {
    private static final long serialVersionUID = 1L;

    @Override
    public String translate(String name) {
      return super.translate(name);
    }
  }

  /** Prints a document on one line: a stream of events, one line each (as journald takes them). */
  public static void line(PrintWriter out, Document document) {
    out.println(MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
    out.flush();
  }

  /** Prints a document as indented JSON followed by a newline. */
  public static void print(PrintWriter out, Document document) {
    out.println(MAPPER.writeValueAsString(document));
    out.flush();
  }
}
