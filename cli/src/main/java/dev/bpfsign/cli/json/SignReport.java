package dev.bpfsign.cli.json;

import java.util.List;

/**
 * {@code bpfsign sign --json}, schema {@code bpfsign.sign/v1}: one entry per input, in command
 * line order, one per signed variant (a file with both variants gives two); {@code scheme} at the
 * top when every entry has the same. Hashes are lower-case hex SHA-256 of the raw bytes.
 *
 * @param warnings certificate findings that did not stop signing
 */
public record SignReport(String schema, String scheme, String signer, String algorithm, List<String> warnings,
    List<Entry> entries) implements Document {
  public static final String SCHEMA = "bpfsign.sign/v1";

  /**
   * @param path the input as given
   * @param output where the result went (the input itself when signed in place; the .p7s with --detached)
   * @param status {@code signed}, {@code unchanged} when this signer had already signed it for the scheme,
   *     or {@code failed} (an object of {@code sign OBJ… -d DIR} that could not be generated)
   * @param scheme the variant signed ({@code 6.18} or {@code 7.3}), and the scheme of its signature
   * @param error the one-line reason, for {@code failed}
   * @param signatures the number of signature blocks the variant now carries
   */
  public record Entry(
      String path,
      String output,
      String status,
      String scheme,
      String signer,
      String insnsSha256,
      String signatureSha256,
      Integer signatures,
      String error) {}
}
