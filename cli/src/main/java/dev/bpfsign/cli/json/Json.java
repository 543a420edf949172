package dev.bpfsign.cli.json;

import java.io.PrintWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place Jackson is configured. Reports are records; their component order is the JSON
 * field order, so output is stable.
 */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Prints a document on one line (a stream of events: one line each, as journald takes them). */
  public static void line(PrintWriter out, Object report) {
    out.println(MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    out.flush();
  }

  /** Prints a report as indented JSON followed by a newline. */
  public static void print(PrintWriter out, Object report) {
    out.println(MAPPER.writeValueAsString(report));
    out.flush();
  }
}
