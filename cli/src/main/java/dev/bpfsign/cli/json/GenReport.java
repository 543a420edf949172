package dev.bpfsign.cli.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code bpfsign gen --json}, schema {@code bpfsign.gen/v1}: one entry per object and target, in
 * command line order (targets outer, objects inner). A failed entry has {@code error} and no
 * counts; absent values are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenReport(String schema, String mode, List<Entry> entries) {
  public static final String SCHEMA = "bpfsign.gen/v1";

  /**
   * @param object the object as given
   * @param target the --target as given (absent without one)
   * @param output the loader file written, or that would have been
   * @param error the one-line reason it failed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      String object,
      String target,
      String output,
      String mode,
      String status,
      String name,
      Integer insns,
      @JsonProperty("data_bytes") Integer dataBytes,
      Integer maps,
      Integer programs,
      @JsonProperty("insns_sha256") String insnsSha256,
      @JsonProperty("data_sha256") String dataSha256,
      String error) {}
}
