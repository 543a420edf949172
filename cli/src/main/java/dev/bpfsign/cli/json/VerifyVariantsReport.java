package dev.bpfsign.cli.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code bpfsign verify --json} of a loader file with several variants, schema {@code
 * bpfsign.verify/v2} (docs/verdict.md): the verdict per kernel generation, then each variant's
 * full {@code bpfsign.verify/v1} report. A single-variant file still gets the v1 report alone.
 *
 * @param admitted every variant checked is admitted and every required scheme is present
 * @param generations one entry per kernel generation, whether or not the file has its variant
 * @param missing required schemes ({@code --require-scheme}) the file lacks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyVariantsReport(
    String schema,
    String path,
    boolean admitted,
    List<Generation> generations,
    List<String> missing,
    List<VerifyReport> variants) {
  public static final String SCHEMA = "bpfsign.verify/v2";

  /**
   * @param kernel {@code 6.18} (Linux 6.18 to 7.2) or {@code 7.3} (Linux 7.3 and later)
   * @param variant the scheme of the variant that kernel verifies, absent if the file has none
   * @param admitted whether that variant is admitted (false when there is none)
   * @param kernel_answer what that kernel would answer to the variant's best signature ({@code
   *     accept} or an errno name), absent when the variant is unsigned or missing
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Generation(String kernel, String kernels, String variant, boolean admitted,
      @com.fasterxml.jackson.annotation.JsonProperty("kernel_answer") String kernelAnswer) {}
}
