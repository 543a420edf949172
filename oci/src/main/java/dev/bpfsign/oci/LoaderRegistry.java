package dev.bpfsign.oci;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.oci.http.Access;
import dev.bpfsign.oci.http.RegistryClient;
import dev.bpfsign.oci.json.OciJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Publishes loader files to OCI registries and fetches them back (docs/distribution.md): the
 * loader as one artifact, each signature as a referrer of it, found through the OCI 1.1 referrers
 * API or, where a registry lacks it, the tag-schema index {@code sha256-<digest>}. Fetched content
 * goes through the {@link BlobCache}; nothing unverified is cached or returned.
 */
public final class LoaderRegistry {
  /** The largest manifest or index read (distribution's own limit is 4 MiB). */
  static final int MAX_MANIFEST = 4 * 1024 * 1024;
  /** Far above any loader file (the kernel caps a program at one million instructions). */
  static final long MAX_LOADER = 512L * 1024 * 1024;
  /** A signature block: a CMS of at most 64 KiB plus at most 16 certificate hints. */
  static final long MAX_SIGNATURE_LAYER = 2L * 1024 * 1024;
  static final int MAX_SIGNATURES = 256;
  private static final int INDEX_UPDATE_ATTEMPTS = 8;

  private final Access access;
  private final BlobCache cache;

  public LoaderRegistry(Access access, BlobCache cache) {
    this.access = access;
    this.cache = cache;
  }

  // ---- push

  /** Publishes {@code loader} (every variant) and each of its signatures; answers the loader manifest's digest. */
  public Digest push(LoaderBundle loader, Reference ref, String generatorVersion) throws IOException, BadInputException {
    RegistryClient client = new RegistryClient(ref, access);
    byte[] content = LoaderArtifacts.content(loader);
    byte[] manifest = OciJson.writeManifest(LoaderArtifacts.loaderManifest(loader, content, generatorVersion));
    Digest digest = Digest.of(manifest);
    if (ref.digest().isPresent() && !ref.digest().get().equals(digest)) {
      throw new BadInputException(ref + ": pins " + ref.digest().get() + " but this loader's manifest is " + digest);
    }
    upload(client, LoaderArtifacts.EMPTY_CONFIG);
    upload(client, content);
    client.putManifest(ref.tag().filter(t -> ref.digest().isEmpty()).orElse(digest.toString()), MediaTypes.IMAGE_MANIFEST, manifest);
    Descriptor subject = new Descriptor(MediaTypes.IMAGE_MANIFEST, digest, manifest.length, java.util.Optional.empty(), java.util.Map.of());
    for (LoaderFile variant : loader.variants()) {
      for (SignatureBlock block : variant.signatures()) {
        pushSignature(client, subject, loader, block);
      }
    }
    return digest;
  }

  /** Publishes signatures of an already published loader (co-signing): the loader itself is not touched. */
  public List<Digest> pushSignatures(PulledLoader published, List<SignatureBlock> blocks) throws IOException, BadInputException {
    RegistryClient client = new RegistryClient(published.pinned(), access);
    List<Digest> out = new ArrayList<>();
    for (SignatureBlock block : blocks) {
      out.add(pushSignature(client, published.manifest(), published.loader(), block));
    }
    return out;
  }

  private Digest pushSignature(RegistryClient client, Descriptor subject, LoaderBundle loader, SignatureBlock block)
      throws IOException, BadInputException {
    byte[] layer = LoaderArtifacts.signatureLayer(loader, block);
    byte[] manifest = OciJson.writeManifest(LoaderArtifacts.signatureManifest(subject, block, layer));
    Digest digest = Digest.of(manifest);
    upload(client, LoaderArtifacts.EMPTY_CONFIG);
    upload(client, layer);
    boolean indexed = client.putManifest(digest.toString(), MediaTypes.IMAGE_MANIFEST, manifest);
    if (!indexed) {
      addToTagSchemaIndex(client, subject.digest(), new Descriptor(MediaTypes.IMAGE_MANIFEST, digest, manifest.length,
          Optional.of(MediaTypes.SIGNATURE_ARTIFACT), LoaderArtifacts.signatureAnnotations(block)));
    }
    return digest;
  }

  private static void upload(RegistryClient client, byte[] blob) throws IOException, BadInputException {
    Digest d = Digest.of(blob);
    if (!client.hasBlob(d)) {
      client.putBlob(d, blob);
    }
  }

  /**
   * Adds a referrer to the tag-schema index of {@code subject}, as OCI 1.1 asks of clients when
   * the registry did not index the subject itself. The registry offers no conditional write, so
   * concurrent co-signers are reconciled by reading back: whoever's entry is missing adds it again.
   */
  private static void addToTagSchemaIndex(RegistryClient client, Digest subject, Descriptor referrer)
      throws IOException, BadInputException {
    for (int attempt = 0; attempt < INDEX_UPDATE_ATTEMPTS; attempt++) {
      List<Descriptor> current = tagSchemaIndex(client, subject);
      if (current.stream().anyMatch(d -> d.digest().equals(referrer.digest()))) {
        return;
      }
      TreeMap<String, Descriptor> merged = new TreeMap<>();
      current.forEach(d -> merged.put(d.digest().hex(), d));
      merged.put(referrer.digest().hex(), referrer);
      client.putManifest(subject.referrersTag(), MediaTypes.IMAGE_INDEX, OciJson.writeIndex(List.copyOf(merged.values())));
      try {
        Thread.sleep(20L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NetworkException(client.reference().registry() + ": interrupted");
      }
    }
    throw new NetworkException(client.reference().registry() + ": the referrers index " + subject.referrersTag()
        + " kept changing under " + INDEX_UPDATE_ATTEMPTS + " attempts to add " + referrer.digest());
  }

  private static List<Descriptor> tagSchemaIndex(RegistryClient client, Digest subject) throws IOException, BadInputException {
    Optional<RegistryClient.Answer> index = client.getManifest(subject.referrersTag(), MediaTypes.IMAGE_INDEX, MAX_MANIFEST);
    return index.isEmpty() ? List.of()
        : OciJson.readIndex(index.get().body(), client.reference().registry() + ": referrers index " + subject.referrersTag());
  }

  // ---- pull

  /** Fetches the loader {@code ref} names with every signature referrer, each checked against its digest. */
  public PulledLoader pull(Reference ref) throws IOException, BadInputException {
    RegistryClient client = new RegistryClient(ref, access);
    String where = ref.toString();
    byte[] manifestBytes;
    Digest digest;
    if (ref.digest().isPresent()) {
      digest = ref.digest().get();
      manifestBytes = cache.fetchOnce(digest, where, () -> fetchManifest(client, digest.toString(), where),
          bytes -> loaderManifest(bytes, where));
    } else {
      byte[] fetched = fetchManifest(client, ref.tag().orElseThrow(), where);
      digest = Digest.of(fetched); // a tag is resolved once; everything after is by this digest
      manifestBytes = cache.fetchOnce(digest, where, () -> fetched, bytes -> loaderManifest(bytes, where));
    }
    Manifest manifest = loaderManifest(manifestBytes, where);
    Descriptor layer = manifest.layers().getFirst();
    String layerWhere = ref.at(digest) + ": loader layer " + layer.digest();
    byte[] content = cache.fetchOnce(layer.digest(), layerWhere, () -> client.getBlob(layer.digest(), layer.size()),
        bytes -> LoaderArtifacts.readContent(bytes, manifest, layerWhere));
    LoaderBundle loader = LoaderArtifacts.readContent(content, manifest, layerWhere);

    List<Descriptor> referrers = referrers(client, digest, ref.at(digest).toString());
    List<Descriptor> ours = referrers.stream()
        .filter(d -> d.artifactType().map(MediaTypes.SIGNATURE_ARTIFACT::equals).orElse(false))
        .sorted(Comparator.comparing(d -> d.digest().hex()))
        .distinct()
        .toList();
    if (ours.size() > MAX_SIGNATURES) {
      throw new BadInputException(ref.at(digest) + ": " + ours.size() + " signature referrers, more than " + MAX_SIGNATURES);
    }
    List<Digest> signatureDigests = new ArrayList<>();
    LoaderBundle signed = loader;
    for (Descriptor d : ours) {
      if (signatureDigests.contains(d.digest())) {
        continue;
      }
      // readSignature read it appended to the content, so a variant of its scheme is there
      signed = signed.withSignature(signature(client, d, digest, content, ref.at(digest) + ": signature " + d.digest()));
      signatureDigests.add(d.digest());
    }
    Descriptor subject = new Descriptor(MediaTypes.IMAGE_MANIFEST, digest, manifestBytes.length, Optional.empty(), java.util.Map.of());
    return new PulledLoader(ref.at(digest), subject, signed, signatureDigests, referrers.size() - ours.size());
  }

  private SignatureBlock signature(RegistryClient client, Descriptor d, Digest subject, byte[] content, String where)
      throws IOException, BadInputException {
    if (d.size() > MAX_MANIFEST) {
      throw new BadInputException(where + ": manifest of " + d.size() + " bytes, more than " + MAX_MANIFEST);
    }
    byte[] bytes = cache.fetchOnce(d.digest(), where, () -> fetchManifest(client, d.digest().toString(), where),
        b -> signatureManifest(b, subject, where));
    Manifest m = signatureManifest(bytes, subject, where);
    Descriptor layer = m.layers().getFirst();
    byte[] block = cache.fetchOnce(layer.digest(), where + " layer", () -> client.getBlob(layer.digest(), layer.size()),
        b -> LoaderArtifacts.readSignature(content, b, where));
    return LoaderArtifacts.readSignature(content, block, where);
  }

  private static List<Descriptor> referrers(RegistryClient client, Digest subject, String where)
      throws IOException, BadInputException {
    Optional<byte[]> api = client.referrers(subject, MAX_MANIFEST);
    if (api.isPresent()) {
      return OciJson.readIndex(api.get(), where + ": referrers");
    }
    return tagSchemaIndex(client, subject);
  }

  private static byte[] fetchManifest(RegistryClient client, String reference, String where)
      throws IOException, BadInputException {
    return client.getManifest(reference, MediaTypes.IMAGE_MANIFEST, MAX_MANIFEST)
        .orElseThrow(() -> new BadInputException(where + ": not found in the registry (manifest " + reference + ")"))
        .body();
  }

  /** A manifest that is a bpfsign loader: our artifact type, one loader layer of a size we read. */
  private static Manifest loaderManifest(byte[] bytes, String where) throws BadInputException {
    Manifest m = OciJson.readManifest(bytes, where);
    String type = m.artifactType().orElse(m.config().mediaType());
    if (!MediaTypes.LOADER_ARTIFACT.equals(type)) {
      throw new BadInputException(where + ": artifact type '" + Digest.shorten(type) + "' is not a bpfsign loader ("
          + MediaTypes.LOADER_ARTIFACT + ")");
    }
    if (m.layers().size() != 1 || !MediaTypes.LOADER_LAYER.equals(m.layers().getFirst().mediaType())) {
      throw new BadInputException(where + ": a bpfsign loader manifest has exactly one " + MediaTypes.LOADER_LAYER + " layer");
    }
    if (m.layers().getFirst().size() > MAX_LOADER) {
      throw new BadInputException(where + ": loader layer of " + m.layers().getFirst().size() + " bytes, more than " + MAX_LOADER);
    }
    return m;
  }

  /** A manifest that is a bpfsign signature of {@code subject}. */
  private static Manifest signatureManifest(byte[] bytes, Digest subject, String where) throws BadInputException {
    Manifest m = OciJson.readManifest(bytes, where);
    if (!m.artifactType().map(MediaTypes.SIGNATURE_ARTIFACT::equals).orElse(false)) {
      throw new BadInputException(where + ": artifact type '" + Digest.shorten(m.artifactType().orElse("")) + "' is not a bpfsign signature");
    }
    if (m.subject().isEmpty() || !m.subject().get().digest().equals(subject)) {
      throw new BadInputException(where + ": its subject is not the loader " + subject);
    }
    if (m.layers().size() != 1 || !MediaTypes.SIGNATURE_LAYER.equals(m.layers().getFirst().mediaType())) {
      throw new BadInputException(where + ": a bpfsign signature manifest has exactly one " + MediaTypes.SIGNATURE_LAYER + " layer");
    }
    if (m.layers().getFirst().size() > MAX_SIGNATURE_LAYER) {
      throw new BadInputException(where + ": signature layer of " + m.layers().getFirst().size() + " bytes, more than " + MAX_SIGNATURE_LAYER);
    }
    return m;
  }
}
