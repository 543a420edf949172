package dev.bpfsign.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixturesTest {
  private static final String OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
  private static final String OID_DATA = "1.2.840.113549.1.7.1";
  private static final String OID_SHA256 = "2.16.840.1.101.3.4.2.1";
  private static final String OID_RSA = "1.2.840.113549.1.1.1";

  static List<String> fixtures() {
    return Fixtures.names();
  }

  @Test
  void names_listEveryFixtureWithGoldens() {
    assertThat(Fixtures.names())
        .containsExactly(
            "core_relos", "global_data", "kconfig", "kfuncs_ksyms", "large", "map_in_map", "maps_basic",
            "prog_types", "subprogs", "tailcalls", "trampolines", "typed_ksyms");
    assertThat(Fixtures.unsupported()).containsExactly(Fixtures.UNSUPPORTED_PROG_ARRAY_INIT);
    assertThat(Fixtures.names()).containsAll(Fixtures.REFERENCE_HOST_LOAD_FAILURES.keySet());
  }

  @Test
  void objects_areBpfElfWithSources() {
    for (String name : Fixtures.objects()) {
      byte[] o = Fixtures.object(name);
      assertThat(o).as(name).startsWith(0x7f, 'E', 'L', 'F');
      assertThat(o[4]).as("ELFCLASS64").isEqualTo((byte) 2);
      assertThat((o[18] & 0xff) | (o[19] & 0xff) << 8).as("e_machine EM_BPF").isEqualTo(247);
      assertThat(new String(Fixtures.source(name), StandardCharsets.UTF_8)).contains("SEC(");
    }
  }

  @Test
  void large_isLargeWithDozensOfProgramsAndMaps() throws Exception {
    assertThat(Fixtures.object(Fixtures.LARGE).length).isGreaterThanOrEqualTo(500 * 1024);
    String header = Files.readString(Fixtures.header(Fixtures.LARGE, Fixtures.PLAIN));
    assertThat(header.split("struct bpf_prog_desc ", -1).length - 1).isGreaterThanOrEqualTo(24);
    assertThat(header.split("struct bpf_map_desc ", -1).length - 1).isGreaterThanOrEqualTo(24);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void goldens_arePresentAndConsistent(String name) throws Exception {
    byte[] plainInsns = Fixtures.golden(name, Fixtures.PLAIN, Fixtures.INSNS);
    byte[] plainData = Fixtures.golden(name, Fixtures.PLAIN, Fixtures.DATA);
    byte[] insns = Fixtures.golden(name, Fixtures.SIGNED, Fixtures.INSNS);
    byte[] data = Fixtures.golden(name, Fixtures.SIGNED, Fixtures.DATA);
    byte[] exclHash = Fixtures.golden(name, Fixtures.SIGNED, Fixtures.EXCL_HASH);
    assertThat(Fixtures.golden(name, Fixtures.SIGNED, Fixtures.SIG)).isNotEmpty();

    for (byte[] b : List.of(plainInsns, plainData, insns, data)) {
      assertThat(b.length).isPositive();
      assertThat(b.length % 8).isZero();
    }
    assertThat(plainData).as("bpftool 7.8 emits the same blob in both modes").isEqualTo(data);
    assertThat(exclHash).isEqualTo(MessageDigest.getInstance("SHA-256").digest(insns));
  }

  /** measured.md: bpftool-7.3's signable loader is 7.8's minus the 33-instruction metadata check. */
  @ParameterizedTest
  @MethodSource("fixtures")
  void goldens73_areThe618LoaderWithoutTheMetadataCheck(String name) throws Exception {
    byte[] insns618 = Fixtures.golden(name, Fixtures.SIGNED, Fixtures.INSNS);
    byte[] insns73 = Fixtures.golden(name, Fixtures.SIGNED_7_3, Fixtures.INSNS);
    assertThat(insns618.length - insns73.length).isEqualTo(33 * 8);
    assertThat(Fixtures.golden(name, Fixtures.SIGNED_7_3, Fixtures.EXCL_HASH))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(insns73));
    assertThat(Fixtures.golden(name, Fixtures.SIGNED_7_3, Fixtures.DATA)).hasSize(
        Fixtures.golden(name, Fixtures.SIGNED, Fixtures.DATA).length);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void headers_embedExactlyTheSplitBlobs(String name) throws Exception {
    for (String mode : List.of(Fixtures.PLAIN, Fixtures.SIGNED, Fixtures.SIGNED_7_3)) {
      Map<String, byte[]> arrays = LskelHeaders.arrays(Files.readString(Fixtures.header(name, mode)));
      assertThat(arrays.get("opts_insn")).isEqualTo(Fixtures.golden(name, mode, Fixtures.INSNS));
      assertThat(arrays.get("opts_data")).isEqualTo(Fixtures.golden(name, mode, Fixtures.DATA));
      if (!mode.equals(Fixtures.PLAIN)) {
        assertThat(arrays.get("opts_sig")).isEqualTo(Fixtures.golden(name, mode, Fixtures.SIG));
        assertThat(arrays.get("opts_excl_hash")).isEqualTo(Fixtures.golden(name, mode, Fixtures.EXCL_HASH));
      } else {
        assertThat(arrays).doesNotContainKeys("opts_sig", "opts_excl_hash");
      }
    }
  }

  /**
   * The kernel's CMS shape (kernel-signing.md §3.9), checked with the JDK alone: detached
   * SignedData, one SignerInfo identified by SKI, SHA-256, no signed attributes, so the
   * signature is plain SHA256withRSA over the loader instructions.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void signature_isKernelShapedCmsOverTheInstructions(String name) throws Exception {
    byte[] insns = Fixtures.golden(name, Fixtures.SIGNED, Fixtures.INSNS);
    List<Der.Tlv> contentInfo = Der.parse(Fixtures.golden(name, Fixtures.SIGNED, Fixtures.SIG)).children();
    assertThat(contentInfo.get(0).oid()).isEqualTo(OID_SIGNED_DATA);
    List<Der.Tlv> signedData = contentInfo.get(1).children().getFirst().children();
    assertThat(signedData).hasSize(4); // version, digestAlgorithms, encapContentInfo, signerInfos
    assertThat(signedData.get(0).content()).containsExactly(3);
    List<Der.Tlv> encap = signedData.get(2).children();
    assertThat(encap).as("detached: no eContent").hasSize(1);
    assertThat(encap.getFirst().oid()).isEqualTo(OID_DATA);
    List<Der.Tlv> signerInfos = signedData.get(3).children();
    assertThat(signerInfos).hasSize(1);
    List<Der.Tlv> si = signerInfos.getFirst().children();
    assertThat(si).as("version, sid, digestAlg, sigAlg, signature: no attributes").hasSize(5);

    X509Certificate cert = TestKeys.certificate(TestKeys.SIGNER_RSA3072);
    byte[] ski = Der.parse(Der.parse(cert.getExtensionValue("2.5.29.14")).content()).content();
    assertThat(si.get(1).tag()).as("sid [0] subjectKeyIdentifier").isEqualTo(0x80);
    assertThat(si.get(1).content()).isEqualTo(ski);
    assertThat(si.get(2).children().getFirst().oid()).isEqualTo(OID_SHA256);
    assertThat(si.get(3).children().getFirst().oid()).isEqualTo(OID_RSA);

    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(cert.getPublicKey());
    v.update(insns);
    assertThat(v.verify(si.get(4).content())).isTrue();
  }

  @Test
  void headerPath_isARealFile() {
    assertThat(Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED)).isRegularFile();
    assertThat(Fixtures.objectPath(Fixtures.MAPS_BASIC)).isRegularFile();
  }

  @Test
  void badNames_throwIllegalArgumentNamingThem() {
    assertThatThrownBy(() -> Fixtures.object("no_such_fixture"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_fixture");
    assertThatThrownBy(() -> Fixtures.golden(Fixtures.UNSUPPORTED_PROG_ARRAY_INIT, Fixtures.PLAIN, Fixtures.INSNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Fixtures.UNSUPPORTED_PROG_ARRAY_INIT);
    assertThatThrownBy(() -> Fixtures.golden(Fixtures.MAPS_BASIC, "fancy", Fixtures.INSNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fancy");
    assertThatThrownBy(() -> Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.PLAIN, "bogus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bogus");
    assertThatThrownBy(() -> Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.PLAIN, Fixtures.SIG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sig");
  }
}
