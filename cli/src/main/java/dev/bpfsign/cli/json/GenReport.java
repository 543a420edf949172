package dev.bpfsign.cli.json;

import java.util.List;

/**
 * {@code bpfsign gen --json}, schema {@code bpfsign.gen/v1}: one entry per object and target, in
 * command line order (targets outer, objects inner). A failed entry has {@code error} and no
 * counts or hashes.
 */
public record GenReport(String schema, String mode, List<Entry> entries) implements Document {
  public static final String SCHEMA = "bpfsign.gen/v1";

  /**
   * @param object the object as given
   * @param target the --target as given (absent without one)
   * @param output the loader file written, or that would have been
   * @param status {@code written} or {@code failed}
   * @param name the object name (the skeleton's struct name)
   * @param insns instructions of the first variant ({@code variants} lists each)
   * @param variants the file's variants: scheme, instructions and their SHA-256
   * @param targetRecord the target record written into the file (docs/targets.md), absent when none
   * @param error the one-line reason it failed
   */
  public record Entry(
      String object,
      String target,
      String output,
      String mode,
      String status,
      String name,
      Integer insns,
      Integer dataBytes,
      Integer maps,
      Integer programs,
      String insnsSha256,
      String dataSha256,
      List<Variant> variants,
      TargetReport targetRecord,
      String error) {}

  /** One kernel generation's loader in the file ({@code 6.18} or {@code 7.3}). */
  public record Variant(String scheme, int insns, String insnsSha256) {}
}
