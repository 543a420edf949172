package dev.bpfsign.oci;

/** The annotation keys bpfsign writes on its manifests (docs/distribution.md). */
public final class Annotations {
  public static final String TITLE = "org.opencontainers.image.title";
  public static final String OBJECT_NAME = "dev.bpfsign.loader.object_name";
  public static final String INSNS_SHA256 = "dev.bpfsign.loader.insns_sha256";
  public static final String DATA_SHA256 = "dev.bpfsign.loader.data_sha256";
  public static final String TARGET = "dev.bpfsign.loader.target";
  public static final String MODE = "dev.bpfsign.loader.mode";
  /** The variant (kernel generation) the loader's instructions were generated for, {@code 6.18} or {@code 7.3}. */
  public static final String SCHEME = "dev.bpfsign.loader.scheme";
  public static final String GENERATOR_VERSION = "dev.bpfsign.generator.version";
  /** On a signature referrer: the scheme (kernel generation) the signature is for, {@code 6.18} or {@code 7.3}. */
  public static final String SIGNATURE_SCHEME = "dev.bpfsign.signature.scheme";
  /** On a signature referrer: SHA-256 of the CMS, to tell signatures apart without fetching them. */
  public static final String SIGNATURE_CMS_SHA256 = "dev.bpfsign.signature.cms_sha256";

  private Annotations() {}
}
