package dev.bpfsign.oci;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.SignatureBlock;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a loader file maps onto OCI artifacts, both ways, with no I/O. The loader manifest's one
 * layer is the loader file, every variant, without signatures; each signature's manifest has that
 * loader manifest as subject and one layer: the bytes the signature block adds to the loader
 * file (the block names its variant's scheme). Joining the layer and the signature layers gives
 * back a loader file, which the loader-core reader checks. One reference therefore serves hosts
 * of every kernel generation the file has a variant for.
 */
public final class LoaderArtifacts {
  public static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.US_ASCII);
  public static final Descriptor EMPTY_CONFIG_DESCRIPTOR = Descriptor.of(MediaTypes.EMPTY, EMPTY_CONFIG);

  private LoaderArtifacts() {}

  /** The loader file, every variant, without signatures: the loader manifest's layer. */
  public static byte[] content(LoaderBundle loader) {
    return LoaderFileFormat.write(loader.withoutSignatures());
  }

  /** The bytes {@code block} adds after the content in a loader file: a signature manifest's layer. */
  public static byte[] signatureLayer(LoaderBundle loader, SignatureBlock block) {
    byte[] content = content(loader);
    byte[] withOne = LoaderFileFormat.write(loader.withoutSignatures().withSignature(block));
    return Arrays.copyOfRange(withOne, content.length, withOne.length);
  }

  /**
   * The loader manifest. The per-variant annotations ({@code scheme}, {@code insns_sha256}) list
   * the variants in file order, comma-separated; a one-variant file gets exactly the manifest it
   * got before files held several.
   */
  public static Manifest loaderManifest(LoaderBundle loader, byte[] content, String generatorVersion) {
    Map<String, String> a = new TreeMap<>();
    a.put(Annotations.OBJECT_NAME, loader.name());
    a.put(Annotations.INSNS_SHA256, insnsHashes(loader));
    a.put(Annotations.DATA_SHA256, loader.variants().getFirst().data().sha256().hex());
    a.put(Annotations.TARGET, loader.order() == ByteOrder.LITTLE_ENDIAN ? "bpfel" : "bpfeb");
    a.put(Annotations.MODE, loader.variants().getFirst().mode().label());
    a.put(Annotations.SCHEME, schemes(loader));
    a.put(Annotations.GENERATOR_VERSION, generatorVersion);
    Descriptor layer = Descriptor.of(MediaTypes.LOADER_LAYER, content)
        .withAnnotations(Map.of(Annotations.TITLE, loader.name() + ".bin"));
    return new Manifest(MediaTypes.IMAGE_MANIFEST, Optional.of(MediaTypes.LOADER_ARTIFACT), EMPTY_CONFIG_DESCRIPTOR,
        List.of(layer), Optional.empty(), a);
  }

  public static Map<String, String> signatureAnnotations(SignatureBlock block) {
    Map<String, String> a = new TreeMap<>();
    a.put(Annotations.SIGNATURE_SCHEME, block.scheme().label());
    a.put(Annotations.SIGNATURE_CMS_SHA256, block.cms().sha256().hex());
    return a;
  }

  public static Manifest signatureManifest(Descriptor subject, SignatureBlock block, byte[] layer) {
    return new Manifest(MediaTypes.IMAGE_MANIFEST, Optional.of(MediaTypes.SIGNATURE_ARTIFACT), EMPTY_CONFIG_DESCRIPTOR,
        List.of(Descriptor.of(MediaTypes.SIGNATURE_LAYER, layer)), Optional.of(subject), signatureAnnotations(block));
  }

  /** Reads the loader layer: a loader file with no signature whose hashes match the manifest's annotations. */
  public static LoaderBundle readContent(byte[] content, Manifest manifest, String source) throws BadInputException {
    LoaderBundle loader = LoaderFileFormat.readBundle(content, source);
    if (loader.signatureCount() > 0) {
      throw new BadInputException(source + ": the loader layer holds signatures; bpfsign publishes them as referrers");
    }
    requireAnnotation(manifest, Annotations.INSNS_SHA256, insnsHashes(loader), source);
    requireAnnotation(manifest, Annotations.DATA_SHA256, loader.variants().getFirst().data().sha256().hex(), source);
    requireAnnotation(manifest, Annotations.OBJECT_NAME, loader.name(), source);
    requireAnnotation(manifest, Annotations.SCHEME, schemes(loader), source);
    return loader;
  }

  /** Reads a signature layer: exactly one signature block when appended to {@code content}. */
  public static SignatureBlock readSignature(byte[] content, byte[] layer, String source) throws BadInputException {
    byte[] joined = Arrays.copyOf(content, content.length + layer.length);
    System.arraycopy(layer, 0, joined, content.length, layer.length);
    LoaderBundle one;
    try {
      one = LoaderFileFormat.readBundle(joined, source);
    } catch (BadInputException e) {
      throw new BadInputException(source + ": not a bpfsign signature block (" + e.getMessage() + ")");
    }
    if (one.signatureCount() != 1) {
      throw new BadInputException(source + ": holds " + one.signatureCount() + " signature blocks, not one");
    }
    return one.variants().stream().flatMap(v -> v.signatures().stream()).findFirst().orElseThrow();
  }

  private static String schemes(LoaderBundle loader) {
    return String.join(",", loader.variants().stream().map(v -> v.scheme().label()).toList());
  }

  private static String insnsHashes(LoaderBundle loader) {
    return String.join(",", loader.variants().stream().map(v -> v.insns().sha256().hex()).toList());
  }

  private static void requireAnnotation(Manifest m, String key, String actual, String source) throws BadInputException {
    String declared = m.annotations().get(key);
    if (declared != null && !declared.equals(actual)) {
      throw new BadInputException(source + ": annotation " + key + " says " + Digest.shorten(declared)
          + " but the loader has " + actual);
    }
  }
}
