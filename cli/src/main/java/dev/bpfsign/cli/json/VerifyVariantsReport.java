package dev.bpfsign.cli.json;

import java.util.List;

/**
 * {@code bpfsign verify --json} of a loader file with several variants (or with {@code
 * --require-scheme}), schema {@code bpfsign.verify-variants/v1} (docs/verdict.md,
 * docs/schemas/verify-variants.v1.schema.json): the verdict per kernel generation, then each
 * variant's full {@code bpfsign.verify/v2} report. A single-variant file gets the v2 report alone.
 *
 * @param admitted every variant checked is admitted and every required scheme is present
 * @param generations one entry per kernel generation, whether or not the file has its variant
 * @param missing required schemes ({@code --require-scheme}) the file lacks
 */
public record VerifyVariantsReport(
    String schema,
    String path,
    boolean admitted,
    List<Generation> generations,
    List<String> missing,
    List<VerifyReport> variants) implements Document {
  public static final String SCHEMA = "bpfsign.verify-variants/v1";

  /**
   * @param kernel {@code 6.18} (Linux 6.18 to 7.2) or {@code 7.3} (Linux 7.3 and later)
   * @param variant the scheme of the variant that kernel verifies, absent if the file has none
   * @param admitted whether that variant is admitted (false when there is none)
   * @param kernel_answer what that kernel would answer to the variant's best signature ({@code
   *     accept} or an errno name), absent when the variant is unsigned or missing
   */
  public record Generation(String kernel, String kernels, String variant, boolean admitted, String kernelAnswer) {}
}
