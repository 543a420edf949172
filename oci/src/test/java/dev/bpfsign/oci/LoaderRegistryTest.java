package dev.bpfsign.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.oci.http.Access;
import dev.bpfsign.oci.http.RegistryClient;
import dev.bpfsign.oci.json.OciJson;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push, co-sign, pull and hostile answers against a real distribution 2.8 registry (TLS, basic auth). */
class LoaderRegistryTest {
  static TestRegistry registry;
  static Access access;
  static LoaderBundle signedOnce;

  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    registry = Registries.startOrSkip(dir.resolve("registry"));
    access = Registries.access(registry);
    signedOnce = LoaderBundle.of(Registries.loader(Fixtures.MAPS_BASIC)
        .withSignature(Registries.signature(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18)));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private Reference ref(String repoAndTag) throws BadInputException {
    return Reference.parse("oci://" + registry.address() + "/" + repoAndTag);
  }

  private LoaderRegistry client(String cacheName) {
    return new LoaderRegistry(access, new BlobCache(tmp.resolve(cacheName)));
  }

  @Test
  void push_thenPullByTagAndByDigest_givesTheLoaderAndItsSignatures() throws Exception {
    Digest digest = client("push").push(signedOnce, ref("fleet/maps:v1"), "test");

    PulledLoader byTag = client("a").pull(ref("fleet/maps:v1"));
    assertThat(byTag.manifest().digest()).isEqualTo(digest);
    assertThat(byTag.pinned().toString()).isEqualTo(registry.address() + "/fleet/maps@" + digest);
    assertThat(LoaderFileFormat.write(byTag.loader())).isEqualTo(LoaderFileFormat.write(signedOnce));
    assertThat(byTag.signatures()).hasSize(1);

    PulledLoader byDigest = client("b").pull(ref("fleet/maps@" + digest));
    assertThat(LoaderFileFormat.write(byDigest.loader())).isEqualTo(LoaderFileFormat.write(signedOnce));
    // distribution 2.8 has no referrers API: the signature was found through the tag-schema index
    assertThat(registry.requests("GET", "/v2/fleet/maps/manifests/" + digest.referrersTag())).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a73Variant_keepsItsSchemeThroughTheRegistry() throws Exception {
    // the signature block's CMS is bpftool's 6.18 one relabelled: this module moves signatures, it does not check them
    var block = new dev.bpfsign.loader.file.SignatureBlock(Scheme.LINUX_7_3,
        Registries.signature(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18).cms(),
        Registries.signature(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18).exclProgHash());
    LoaderBundle v73 = LoaderBundle.of(Registries.loader(Fixtures.MAPS_BASIC, Scheme.LINUX_7_3).withSignature(block));
    Digest digest = client("push").push(v73, ref("fleet/v73:v1"), "test");
    PulledLoader pulled = client("v").pull(ref("fleet/v73@" + digest));
    assertThat(pulled.loader().schemes()).containsExactly(Scheme.LINUX_7_3);
    assertThat(LoaderFileFormat.write(pulled.loader())).isEqualTo(LoaderFileFormat.write(v73));
    assertThat(digest).isNotEqualTo(client("push").push(signedOnce, ref("fleet/v618:v1"), "test"));
  }

  /** The fleet artefact: one reference, both kernel generations, each with its own signature. */
  @Test
  void bothVariants_underOneReference_comeBackByteForByte() throws Exception {
    var block73 = new dev.bpfsign.loader.file.SignatureBlock(Scheme.LINUX_7_3,
        Registries.signature(Fixtures.TAILCALLS, Scheme.LINUX_6_18).cms(),
        Registries.loader(Fixtures.MAPS_BASIC, Scheme.LINUX_7_3).insns().sha256());
    LoaderBundle dual = signedOnce.with(Registries.loader(Fixtures.MAPS_BASIC, Scheme.LINUX_7_3).withSignature(block73));
    assertThat(dual.schemes()).containsExactly(Scheme.LINUX_6_18, Scheme.LINUX_7_3);

    Digest digest = client("push").push(dual, ref("fleet/dual:v1"), "test");
    PulledLoader pulled = client("dual").pull(ref("fleet/dual@" + digest));

    assertThat(LoaderFileFormat.write(pulled.loader())).isEqualTo(LoaderFileFormat.write(dual));
    assertThat(pulled.signatures()).hasSize(2);
    assertThat(pulled.loader().variant(Scheme.LINUX_7_3).orElseThrow().signatures()).containsExactly(block73);
    Manifest manifest = LoaderArtifacts.loaderManifest(dual, LoaderArtifacts.content(dual), "test");
    assertThat(Digest.of(dev.bpfsign.oci.json.OciJson.writeManifest(manifest))).as("the pushed manifest").isEqualTo(digest);
    assertThat(manifest.annotations()).containsEntry(Annotations.SCHEME, "6.18,7.3");
    assertThat(manifest.annotations().get(Annotations.INSNS_SHA256)).contains(",");
  }

  @Test
  void pushIsDeterministic_samLoaderSameDigest() throws Exception {
    Digest first = client("p1").push(signedOnce, ref("fleet/det:one"), "test");
    Digest second = client("p2").push(signedOnce, ref("fleet/det:two"), "test");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void coSignLater_addsOnlyAReferrer_andTheLoaderDigestStays() throws Exception {
    Digest digest = client("push").push(signedOnce, ref("fleet/cosign:v1"), "test");
    long loaderManifestPuts = registry.requests("PUT", "/v2/fleet/cosign/manifests/v1");
    PulledLoader pulled = client("c").pull(ref("fleet/cosign:v1"));

    // a second 6.18 block (a loader file holds only signatures of its variants' schemes); the
    // registry never verifies CMS, so another fixture's bytes make a distinct block
    var second = Registries.signature(Fixtures.TAILCALLS, Scheme.LINUX_6_18);
    List<Digest> pushed = client("c").pushSignatures(pulled, List.of(second));

    assertThat(pushed).hasSize(1);
    assertThat(registry.requests("PUT", "/v2/fleet/cosign/manifests/v1")).isEqualTo(loaderManifestPuts);
    PulledLoader again = client("d").pull(ref("fleet/cosign@" + digest));
    assertThat(again.manifest().digest()).isEqualTo(digest);
    assertThat(again.loader().single().orElseThrow().signatures())
        .containsExactlyInAnyOrder(signedOnce.single().orElseThrow().signatures().getFirst(), second);
  }

  @Test
  void warmCache_fetchesNoBlobAgain() throws Exception {
    Digest digest = client("push").push(signedOnce, ref("fleet/warm:v1"), "test");
    client("w").pull(ref("fleet/warm@" + digest));
    long blobGets = registry.requests("GET", "/v2/fleet/warm/blobs/");
    client("w").pull(ref("fleet/warm@" + digest));
    assertThat(blobGets).isEqualTo(2); // the loader layer and the signature layer
    assertThat(registry.requests("GET", "/v2/fleet/warm/blobs/")).isEqualTo(blobGets);
  }

  @Test
  void concurrentPullsOfOneReference_fetchEachBlobOnce() throws Exception {
    Digest digest = client("push").push(signedOnce, ref("fleet/many:v1"), "test");
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Future<PulledLoader>> pulls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        pulls.add(pool.submit(() -> client("shared").pull(ref("fleet/many:v1"))));
      }
      for (Future<PulledLoader> f : pulls) {
        assertThat(f.get().manifest().digest()).isEqualTo(digest);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(registry.requests("GET", "/v2/fleet/many/blobs/")).isEqualTo(2);
  }

  @Test
  void tamperedBlobInTheRegistry_isDetected_andNotCached() throws Exception {
    client("push").push(signedOnce, ref("fleet/tamper:v1"), "test");
    byte[] content = LoaderArtifacts.content(signedOnce);
    Path data = registry.blobData(Digest.of(content).hex());
    byte[] evil = content.clone();
    evil[evil.length - 1] ^= 1;
    Files.write(data, evil);
    try {
      assertThatThrownBy(() -> client("t").pull(ref("fleet/tamper:v1")))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("does not match its digest " + Digest.of(content))
          .hasMessageNotContaining("\n");
      assertThat(cachedBlobs(tmp.resolve("t"))).doesNotContain(Digest.of(content).hex());
    } finally {
      Files.write(data, content);
    }
  }

  @Test
  void wrongPassword_isOneLine() throws Exception {
    LoaderRegistry wrong = new LoaderRegistry(Registries.access(registry, "wrong"), new BlobCache(tmp.resolve("x")));
    assertThatThrownBy(() -> wrong.pull(ref("fleet/maps:v1")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(registry.address() + ": GET manifest v1: authentication failed (401) for user release");
  }

  @Test
  void noCredentials_saysSo() throws Exception {
    LoaderRegistry anonymous = new LoaderRegistry(new Access(Optional.of(registry.caPem()), false, Optional.empty(),
        Map.of("HOME", tmp.toString())), new BlobCache(tmp.resolve("x")));
    assertThatThrownBy(() -> anonymous.pull(ref("fleet/maps:v1")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("authentication required and no credentials found");
  }

  @Test
  void dockerConfigCredentials_areUsed() throws Exception {
    client("push").push(signedOnce, ref("fleet/dockercfg:v1"), "test");
    Path docker = Files.createDirectories(tmp.resolve("docker"));
    String auth = java.util.Base64.getEncoder().encodeToString((TestRegistry.USER + ":" + TestRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth + "\"}}}");
    LoaderRegistry viaConfig = new LoaderRegistry(new Access(Optional.of(registry.caPem()), false, Optional.empty(),
        Map.of("HOME", tmp.toString(), "DOCKER_CONFIG", docker.toString())), new BlobCache(tmp.resolve("dc")));
    assertThat(viaConfig.pull(ref("fleet/dockercfg:v1")).loader().signatureCount()).isEqualTo(1);
  }

  @Test
  void credentialHelper_isRunLikeDockerDoes() throws Exception {
    client("push").push(signedOnce, ref("fleet/helper:v1"), "test");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-bpfsigntest");
    // answers only for the registry it is asked about on stdin, as real helpers do
    Files.writeString(helper, "#!/bin/sh\nread host\n[ \"$host\" = \"" + registry.address() + "\" ] || exit 1\n"
        + "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + TestRegistry.USER + "\",\"Secret\":\"" + TestRegistry.PASSWORD
        + "\"}' \"$host\"\n");
    helper.toFile().setExecutable(true);
    Path docker = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(docker.resolve("config.json"), "{\"credHelpers\":{\"" + registry.address() + "\":\"bpfsigntest\"}}");
    LoaderRegistry viaHelper = new LoaderRegistry(new Access(Optional.of(registry.caPem()), false, Optional.empty(),
        Map.of("HOME", tmp.toString(), "DOCKER_CONFIG", docker.toString(), "PATH", bin + ":/usr/bin:/bin")),
        new BlobCache(tmp.resolve("h")));
    assertThat(viaHelper.pull(ref("fleet/helper:v1")).loader().signatureCount()).isEqualTo(1);
  }

  @Test
  void untrustedCertificate_isANetworkFailureThatSaysTls() throws Exception {
    LoaderRegistry systemTrust = new LoaderRegistry(new Access(Optional.empty(), false, Optional.of("env:A"),
        Map.of("A", "u:p")), new BlobCache(tmp.resolve("x")));
    assertThatThrownBy(() -> systemTrust.pull(ref("fleet/maps:v1")))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("TLS failed")
        .hasMessageNotContaining("\n");
  }

  @Test
  void unreachableRegistry_isANetworkFailure() throws Exception {
    int closed;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Reference r = Reference.parse("oci://127.0.0.1:" + closed + "/fleet/maps:v1");
    assertThatThrownBy(() -> client("x").pull(r))
        .isInstanceOf(NetworkException.class)
        .hasMessageStartingWith("127.0.0.1:" + closed + ": cannot connect");
  }

  @Test
  void manifestOfAnotherArtifactType_isRefused_andNotCached() throws Exception {
    RegistryClient raw = new RegistryClient(ref("fleet/other:v1"), access);
    byte[] layer = "not a loader".getBytes(StandardCharsets.US_ASCII);
    raw.putBlob(Digest.of(LoaderArtifacts.EMPTY_CONFIG), LoaderArtifacts.EMPTY_CONFIG);
    raw.putBlob(Digest.of(layer), layer);
    byte[] manifest = OciJson.writeManifest(new Manifest(MediaTypes.IMAGE_MANIFEST, Optional.of("application/vnd.example.sbom.v1"),
        LoaderArtifacts.EMPTY_CONFIG_DESCRIPTOR, List.of(Descriptor.of("application/octet-stream", layer)), Optional.empty(), Map.of()));
    raw.putManifest("v1", MediaTypes.IMAGE_MANIFEST, manifest);

    assertThatThrownBy(() -> client("o").pull(ref("fleet/other:v1")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("artifact type 'application/vnd.example.sbom.v1' is not a bpfsign loader");
    assertThat(cachedBlobs(tmp.resolve("o"))).isEmpty();
  }

  @Test
  void foreignReferrers_areLeftAlone_butAForgedSignatureIsRefused() throws Exception {
    Digest digest = client("push").push(signedOnce, ref("fleet/foreign:v1"), "test");
    RegistryClient raw = new RegistryClient(ref("fleet/foreign:v1"), access);
    Descriptor subject = client("f").pull(ref("fleet/foreign:v1")).manifest();

    // an SBOM attached by another tool
    Digest sbom = pushReferrer(raw, subject, "application/spdx+json", "{}".getBytes(StandardCharsets.US_ASCII));
    PulledLoader withSbom = client("f2").pull(ref("fleet/foreign:v1"));
    assertThat(withSbom.ignoredReferrers()).isEqualTo(1);
    assertThat(withSbom.loader().signatureCount()).isEqualTo(1);

    // a referrer that claims to be a bpfsign signature but holds something else
    byte[] junk = "BSIG but not really".getBytes(StandardCharsets.US_ASCII);
    pushReferrer(raw, subject, MediaTypes.SIGNATURE_ARTIFACT, junk);
    assertThatThrownBy(() -> client("f3").pull(ref("fleet/foreign@" + digest)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not a bpfsign signature block")
        .hasMessageNotContaining("\n");
    assertThat(cachedBlobs(tmp.resolve("f3"))).doesNotContain(Digest.of(junk).hex());
    assertThat(sbom).isNotNull();
  }

  /** Pushes a referrer of {@code subject} with one layer, indexing it in the tag schema as bpfsign does. */
  private Digest pushReferrer(RegistryClient raw, Descriptor subject, String artifactType, byte[] layer) throws Exception {
    raw.putBlob(Digest.of(layer), layer);
    raw.putBlob(Digest.of(LoaderArtifacts.EMPTY_CONFIG), LoaderArtifacts.EMPTY_CONFIG);
    String layerType = artifactType.equals(MediaTypes.SIGNATURE_ARTIFACT) ? MediaTypes.SIGNATURE_LAYER : artifactType;
    byte[] manifest = OciJson.writeManifest(new Manifest(MediaTypes.IMAGE_MANIFEST, Optional.of(artifactType),
        LoaderArtifacts.EMPTY_CONFIG_DESCRIPTOR, List.of(Descriptor.of(layerType, layer)), Optional.of(subject), Map.of()));
    Digest d = Digest.of(manifest);
    raw.putManifest(d.toString(), MediaTypes.IMAGE_MANIFEST, manifest);
    String tag = subject.digest().referrersTag();
    List<Descriptor> index = new ArrayList<>(OciJson.readIndex(raw.getManifest(tag, MediaTypes.IMAGE_INDEX, 1 << 20)
        .orElseThrow().body(), tag));
    index.add(new Descriptor(MediaTypes.IMAGE_MANIFEST, d, manifest.length, Optional.of(artifactType), Map.of()));
    raw.putManifest(tag, MediaTypes.IMAGE_INDEX, OciJson.writeIndex(index));
    return d;
  }

  static List<String> cachedBlobs(Path cache) throws Exception {
    Path blobs = cache.resolve("blobs/sha256");
    if (!Files.isDirectory(blobs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(blobs)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }
  }
}
