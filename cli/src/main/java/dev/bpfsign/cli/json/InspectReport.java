package dev.bpfsign.cli.json;

import java.util.List;

/**
 * {@code bpfsign inspect --json}, schema {@code bpfsign.inspect/v1}. Hashes are lower-case hex
 * SHA-256 of the raw bytes. Fields that do not apply (the embedded hash of a plain loader) are
 * left out (docs/schemas/inspect.v1.schema.json). A loader file may hold a variant per kernel generation: the report
 * describes one ({@code scheme}, {@code kernels}: which kernels verify it) and lists them all in
 * {@code variants}. {@code target} is the target record (docs/targets.md), left out when the file has none.
 */
public record InspectReport(
    String schema,
    String name,
    String mode,
    String scheme,
    String kernels,
    String byteOrder,
    int insnCount,
    String insnsSha256,
    int dataSize,
    String dataSha256,
    String embeddedDataSha256,
    Boolean embeddedDataSha256Matches,
    Ctx ctx,
    TargetReport target,
    List<MapEntry> maps,
    List<ProgramEntry> programs,
    String manifestError,
    List<SignatureEntry> signatures,
    List<Variant> variants,
    String disassembly) implements Document {

  public static final String SCHEMA = "bpfsign.inspect/v1";

  /** The same report with the disassembly listing (docs/disassembly.md) attached. */
  public InspectReport withDisassembly(String listing) {
    return new InspectReport(schema, name, mode, scheme, kernels, byteOrder, insnCount, insnsSha256, dataSize,
        dataSha256, embeddedDataSha256, embeddedDataSha256Matches, ctx, target, maps, programs, manifestError, signatures,
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
      int insnCount,
      String insnsSha256,
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
      String kernelName,
      String type,
      long keySize,
      long valueSize,
      long maxEntries,
      long flags) {}

  /**
   * A program the loader loads, as the emulator decoded it: {@code attach} is the expected
   * attach type, {@code attach_target} what it attaches to (when the loader names it).
   */
    public record ProgramEntry(
      String name,
      String kernelName,
      String type,
      String attach,
      String attachTarget,
      long insnCount) {}

  /**
   * One signature block. {@code signer} and the algorithms come from a DER walk of the CMS;
   * {@code cms_error} says why they are missing when the CMS cannot be read.
   */
    public record SignatureEntry(
      int index,
      String scheme,
      Signer signer,
      String digestAlgorithm,
      String signatureAlgorithm,
      int cmsSize,
      String cmsSha256,
      String cmsError,
      String exclProgHash,
      boolean exclHashMatches,
      int certificates) {}

  /** The CMS signer identifier: a subject key identifier, or an issuer and serial number. */
    public record Signer(String skid, String issuer, String serial) {}
}
