package dev.bpfsign.testdata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The test PKI ({@code keys-testdata/keys}, documented in {@code docs/testdata.md}), loaded by
 * name with the JDK alone.
 *
 * <p>A <em>name</em> is either a base name such as {@code "signer-rsa3072"}, meaning {@code
 * NAME.key.pem} for keys and {@code NAME.cert.pem} for certificates, or a full file name such as
 * {@code "signer-p256.sec1.key.pem"} or {@code "signer-rsa3072.cert.der"}. Unknown names throw
 * {@link IllegalArgumentException} naming them.
 */
public final class TestKeys {
  /** Classpath folder of the key files. */
  public static final String RESOURCE_DIR = Resources.BASE + "keys/";

  public static final String ROOT_CA = "root-ca";
  public static final String INTERMEDIATE_CA = "intermediate-ca";
  /** Code-signing leaf issued by the intermediate: keyUsage digitalSignature, EKU codeSigning. */
  public static final String CODESIGN_LEAF = "codesign-leaf";
  /** The leaf's certificate followed by the intermediate's. */
  public static final String CODESIGN_CHAIN = "codesign-chain.pem";
  /** The intermediate's CRL; it lists {@link #BAD_REVOKED_LEAF}. */
  public static final String INTERMEDIATE_CRL = "intermediate-ca.crl.pem";

  public static final String SIGNER_RSA2048 = "signer-rsa2048";
  /** The signer of every signed golden in {@code bpf/golden}. */
  public static final String SIGNER_RSA3072 = "signer-rsa3072";
  public static final String SIGNER_RSA4096 = "signer-rsa4096";
  public static final String SIGNER_P256 = "signer-p256";
  public static final String SIGNER_P384 = "signer-p384";
  public static final String SIGNER_ED25519 = "signer-ed25519";

  /** {@link #SIGNER_RSA3072}'s key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
  public static final String SIGNER_RSA3072_PKCS1 = "signer-rsa3072.pkcs1.key.pem";
  /** {@link #SIGNER_P256}'s key as SEC1 ({@code BEGIN EC PRIVATE KEY}). */
  public static final String SIGNER_P256_SEC1 = "signer-p256.sec1.key.pem";
  /** {@link #SIGNER_RSA3072}'s key as encrypted PKCS#8; password in the {@code .pass} sibling. */
  public static final String SIGNER_RSA3072_ENCRYPTED = "signer-rsa3072.encrypted.key.pem";
  /** PKCS#12 with {@link #SIGNER_RSA3072}'s key and certificate under {@link #P12_ALIAS}. */
  public static final String SIGNER_RSA3072_P12 = "signer-rsa3072.p12";
  public static final String P12_ALIAS = "signer-rsa3072";

  public static final String BAD_EXPIRED = "bad-expired";
  public static final String BAD_NOT_YET_VALID = "bad-not-yet-valid";
  public static final String BAD_NO_DIGITAL_SIGNATURE = "bad-no-digital-signature";
  public static final String BAD_NO_SKI = "bad-no-ski";
  /** Its key file does not hold the key of its certificate. */
  public static final String BAD_MISMATCH = "bad-mismatch";
  /** Issued by the intermediate and listed in {@link #INTERMEDIATE_CRL}. */
  public static final String BAD_REVOKED_LEAF = "bad-revoked-leaf";

  /** Self-signed signing key pairs, one per algorithm. */
  public static final List<String> SIGNERS =
      List.of(SIGNER_RSA2048, SIGNER_RSA3072, SIGNER_RSA4096, SIGNER_P256, SIGNER_P384, SIGNER_ED25519);
  /** Every certificate without a deliberate defect (each valid 2026-01-01 to 2046-01-01). */
  public static final List<String> GOOD_CERTIFICATES;
  /** Every certificate with a deliberate defect, named after it. */
  public static final List<String> BAD_CERTIFICATES =
      List.of(BAD_EXPIRED, BAD_NOT_YET_VALID, BAD_NO_DIGITAL_SIGNATURE, BAD_NO_SKI, BAD_MISMATCH, BAD_REVOKED_LEAF);

  static {
    List<String> good = new ArrayList<>(List.of(ROOT_CA, INTERMEDIATE_CA, CODESIGN_LEAF));
    good.addAll(SIGNERS);
    GOOD_CERTIFICATES = List.copyOf(good);
  }

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final String OID_RSA = "1.2.840.113549.1.1.1";
  private static final String OID_EC = "1.2.840.10045.2.1";
  private static final Map<String, String> KEY_ALGORITHMS =
      Map.of(OID_RSA, "RSA", OID_EC, "EC", "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448");

  private TestKeys() {}

  /** The raw bytes of a key-directory file, e.g. {@code "signer-rsa3072.cert.der"}. */
  public static byte[] bytes(String file) {
    return Resources.bytes("keys/" + file);
  }

  /**
   * A real file holding {@code file}, for code that wants a path (e.g. a CLI under test). Its
   * siblings, such as the {@code .pass} file, are reachable with this method too.
   */
  public static Path path(String file) {
    return Resources.path("keys/" + file);
  }

  /**
   * The private key {@code name} ({@code NAME.key.pem} or a file name). PKCS#8, encrypted PKCS#8
   * (with its {@code .pass} password), PKCS#1 RSA and SEC1 EC PEM are understood.
   */
  public static PrivateKey privateKey(String name) {
    String file = name.endsWith(".pem") ? name : name + ".key.pem";
    List<Pem> blocks = pem(file);
    if (blocks.size() != 1) {
      throw new IllegalArgumentException(file + " holds " + blocks.size() + " PEM blocks, not one key");
    }
    Pem block = blocks.getFirst();
    try {
      byte[] pkcs8 =
          switch (block.label()) {
            case "PRIVATE KEY" -> block.der();
            case "ENCRYPTED PRIVATE KEY" -> decrypt(block.der(), password(file));
            case "RSA PRIVATE KEY" -> wrapPkcs8(Der.oid(OID_RSA), Der.encode(Der.NULL), block.der());
            case "EC PRIVATE KEY" -> wrapPkcs8(Der.oid(OID_EC), sec1Curve(block.der()), block.der());
            default -> throw new IllegalArgumentException(file + ": not a private key: " + block.label());
          };
      return KeyFactory.getInstance(keyAlgorithm(pkcs8)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read private key " + file, e);
    }
  }

  /** The certificate {@code name} ({@code NAME.cert.pem} or a PEM/DER file name). */
  public static X509Certificate certificate(String name) {
    String file = name.endsWith(".pem") || name.endsWith(".der") ? name : name + ".cert.pem";
    List<X509Certificate> certs = certificates(file);
    if (certs.size() != 1) {
      throw new IllegalArgumentException(file + " holds " + certs.size() + " certificates, not one");
    }
    return certs.getFirst();
  }

  /** All certificates in a PEM or DER file, in file order (e.g. {@link #CODESIGN_CHAIN}). */
  public static List<X509Certificate> certificates(String file) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c : cf.generateCertificates(new ByteArrayInputStream(bytes(file)))) {
        out.add((X509Certificate) c);
      }
      return List.copyOf(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read certificates " + file, e);
    }
  }

  /** A CRL, e.g. {@link #INTERMEDIATE_CRL}. */
  public static X509CRL crl(String file) {
    try {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes(file)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read CRL " + file, e);
    }
  }

  /** A PKCS#12 key store, opened with the password from its {@code .pass} sibling. */
  public static KeyStore keyStore(String file) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes(file)), password(file));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot open key store " + file, e);
    }
  }

  /** The password of a protected file, read from {@code FILE.pass}. */
  public static char[] password(String file) {
    return new String(bytes(file + ".pass"), StandardCharsets.UTF_8).strip().toCharArray();
  }

  /** The PEM blocks of a file, in order. */
  static List<Pem> pem(String file) {
    Matcher m = PEM.matcher(new String(bytes(file), StandardCharsets.US_ASCII));
    List<Pem> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Pem(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM block");
    }
    return out;
  }

  record Pem(String label, byte[] der) {}

  private static byte[] decrypt(byte[] der, char[] password) throws GeneralSecurityException {
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      // for PBES2 the JDK names the whole scheme, e.g. PBEWithHmacSHA256AndAES_256
      String alg = info.getAlgName();
      Cipher cipher = Cipher.getInstance(alg);
      cipher.init(
          Cipher.DECRYPT_MODE,
          SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(password)),
          info.getAlgParameters());
      return info.getKeySpec(cipher).getEncoded();
    } catch (IOException e) {
      throw new GeneralSecurityException("malformed EncryptedPrivateKeyInfo", e);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING privateKey }. */
  private static byte[] wrapPkcs8(byte[] oid, byte[] params, byte[] key) {
    return Der.encode(
        Der.SEQUENCE,
        Der.encode(Der.INTEGER, new byte[] {0}),
        Der.encode(Der.SEQUENCE, oid, params),
        Der.encode(Der.OCTET_STRING, key));
  }

  /** The named-curve OID in a SEC1 ECPrivateKey's {@code [0] parameters}. */
  private static byte[] sec1Curve(byte[] sec1) {
    for (Der.Tlv t : Der.parse(sec1).children()) {
      if (t.tag() == 0xa0) {
        return t.children().getFirst().encoded();
      }
    }
    throw new IllegalArgumentException("SEC1 key without curve parameters");
  }

  private static String keyAlgorithm(byte[] pkcs8) {
    String oid = Der.parse(pkcs8).children().get(1).children().getFirst().oid();
    String alg = KEY_ALGORITHMS.get(oid);
    if (alg == null) {
      throw new IllegalArgumentException("unsupported key algorithm " + oid);
    }
    return alg;
  }
}
