package dev.bpfsign.cli.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code bpfsign inspect --json}, schema {@code bpfsign.inspect/v1}. Hashes are lower-case hex
 * SHA-256 of the raw bytes. Fields that do not apply (the embedded hash of a plain loader) are
 * left out rather than null. A loader file may hold a variant per kernel generation: the report
 * describes one ({@code scheme}, {@code kernels}: which kernels verify it) and lists them all in
 * {@code variants}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectReport(
    String schema,
    String name,
    String mode,
    String scheme,
    String kernels,
    @JsonProperty("byte_order") String byteOrder,
    @JsonProperty("insn_count") int insnCount,
    @JsonProperty("insns_sha256") String insnsSha256,
    @JsonProperty("data_size") int dataSize,
    @JsonProperty("data_sha256") String dataSha256,
    @JsonProperty("embedded_data_sha256") String embeddedDataSha256,
    @JsonProperty("embedded_data_sha256_matches") Boolean embeddedDataSha256Matches,
    Ctx ctx,
    List<MapEntry> maps,
    List<ProgramEntry> programs,
    @JsonProperty("manifest_error") String manifestError,
    List<SignatureEntry> signatures,
    List<Variant> variants,
    String disassembly) {

  public static final String SCHEMA = "bpfsign.inspect/v1";

  /** The same report with the disassembly listing (docs/disassembly.md) attached. */
  public InspectReport withDisassembly(String listing) {
    return new InspectReport(schema, name, mode, scheme, kernels, byteOrder, insnCount, insnsSha256, dataSize,
        dataSha256, embeddedDataSha256, embeddedDataSha256Matches, ctx, maps, programs, manifestError, signatures,
        variants, listing);
  }

  /**
   * Every variant the file holds (the report describes the one named by {@code scheme}; {@code
   * inspect --scheme S} describes another).
   */
  public record Variant(
      String scheme,
      String kernels,
      String mode,
      @JsonProperty("insn_count") int insnCount,
      @JsonProperty("insns_sha256") String insnsSha256,
      int signatures) {}

  /** The skeleton's ctx layout: the names it gives maps and programs, in ctx order. */
  public record Ctx(int size, List<String> maps, List<String> programs) {}

  /**
   * A map the loader creates, as the emulator decoded it from the instructions and blob; {@code
   * name} is the skeleton name, or the kernel name for a map outside the ctx (an inner-map
   * prototype).
   */
  public record MapEntry(
      String name,
      @JsonProperty("kernel_name") String kernelName,
      String type,
      @JsonProperty("key_size") long keySize,
      @JsonProperty("value_size") long valueSize,
      @JsonProperty("max_entries") long maxEntries,
      long flags) {}

  /**
   * A program the loader loads, as the emulator decoded it: {@code attach} is the expected
   * attach type, {@code attach_target} what it attaches to (when the loader names it).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ProgramEntry(
      String name,
      @JsonProperty("kernel_name") String kernelName,
      String type,
      String attach,
      @JsonProperty("attach_target") String attachTarget,
      @JsonProperty("insn_count") long insnCount) {}

  /**
   * One signature block. {@code signer} and the algorithms come from a DER walk of the CMS;
   * {@code cms_error} says why they are missing when the CMS cannot be read.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SignatureEntry(
      int index,
      String scheme,
      Signer signer,
      @JsonProperty("digest_algorithm") String digestAlgorithm,
      @JsonProperty("signature_algorithm") String signatureAlgorithm,
      @JsonProperty("cms_size") int cmsSize,
      @JsonProperty("cms_sha256") String cmsSha256,
      @JsonProperty("cms_error") String cmsError,
      @JsonProperty("excl_prog_hash") String exclProgHash,
      @JsonProperty("excl_hash_matches") boolean exclHashMatches,
      int certificates) {}

  /** The CMS signer identifier: a subject key identifier, or an issuer and serial number. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Signer(String skid, String issuer, String serial) {}
}
