package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signature, signer and certificate checks on a synthetic signable loader. */
class VerifierTest {
  static final KeyPair SIGNER_KEY = TestPki.key("rsa3072:signer");
  static final X509Certificate SIGNER = TestPki.cert("CN=signer,O=bpfsign test", SIGNER_KEY).build();
  /** bpftool's smallest signable loader (kconfig), re-signed in the test. */
  static final LoaderFile LOADER = Goldens.unsigned("kconfig");
  static final LoaderFile SIGNED = TestCms.signed(LOADER, Scheme.LINUX_6_18, SIGNER_KEY.getPrivate(), SIGNER);

  static Verifier trusting(X509Certificate... certs) {
    return Verifier.builder().trust(TrustStore.of(List.of(certs))).at(TestPki.NOW).build();
  }

  static List<FindingCode> codes(Verdict v) {
    return v.findings().stream().map(Finding::code).toList();
  }

  @Test
  void verify_signedAndTrusted_admitsTheVeryLoaderVerified() {
    Verdict v = trusting(SIGNER).verify(SIGNED);

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.admittedLoader()).get().satisfies(a -> assertThat(a.loader()).isSameAs(SIGNED));
    assertThat(codes(v)).containsExactly(FindingCode.SIGNATURE_VERIFIED);
    assertThat(v.signers()).singleElement().satisfies(s -> {
      assertThat(s.counts()).isTrue();
      assertThat(s.certificate().orElseThrow().fingerprint()).isEqualTo(CertIds.of(SIGNER).fingerprint());
    });
    assertThat(v.loader().insnsSha256()).isEqualTo(LOADER.insns().sha256().hex());
    assertThat(v.manifest()).get().satisfies(m -> assertThat(m.programs())
        .extracting(dev.bpfsign.loader.emu.ManifestProgram::name).containsExactly("read_kconfig"));
  }

  @Test
  void verify_signedAndTrusted_predictsAcceptOn618AndEaccesOn73() {
    Verdict v = trusting(SIGNER).verify(SIGNED);

    assertThat(v.kernel()).extracting(KernelPrediction::kernel, KernelPrediction::answer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("6.18", "accept"),
            org.assertj.core.groups.Tuple.tuple("7.3", "EACCES"));
  }

  @Test
  void verify_scheme73OnA618Loader_noKernelAccepts() {
    LoaderFile signed = TestCms.signed(LOADER, Scheme.LINUX_7_3, SIGNER_KEY.getPrivate(), SIGNER);
    Verdict v = trusting(SIGNER).verify(signed);

    assertThat(v.kernel()).extracting(KernelPrediction::answer).containsExactly("EKEYREJECTED", "EACCES");
  }

  @Test
  void verify_73VariantSigned73_admittedAndPredictsTheOtherWayRound() {
    LoaderFile loader73 = LOADER.withScheme(Scheme.LINUX_7_3);
    LoaderFile signed = TestCms.signed(loader73, Scheme.LINUX_7_3, SIGNER_KEY.getPrivate(), SIGNER);
    Verdict v = trusting(SIGNER).verify(signed);

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.kernel()).extracting(KernelPrediction::answer).containsExactly("EKEYREJECTED", "accept");
  }

  @Test
  void verify_noTrust_refusesWithSignerUnknown() {
    Verdict v = Verifier.builder().at(TestPki.NOW).build().verify(SIGNED);

    assertThat(v.admitted()).isFalse();
    assertThat(v.admittedLoader()).isEmpty();
    assertThat(codes(v)).contains(FindingCode.SIGNER_UNKNOWN, FindingCode.NO_TRUSTED_SIGNATURE);
    assertThat(v.kernel().get(0).answer()).isEqualTo("ENOKEY");
  }

  @Test
  void verify_otherCertificateTrusted_refuses() {
    X509Certificate other = TestPki.cert("CN=other,O=bpfsign test", TestPki.key("ec:other")).build();
    Verdict v = trusting(other).verify(SIGNED);

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.SIGNER_UNKNOWN);
  }

  @Test
  void verify_unsigned_refusesWithUnsigned() {
    Verdict v = trusting(SIGNER).verify(LOADER);

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).containsExactly(FindingCode.UNSIGNED);
  }

  @Test
  void verify_signerIdIssuerAndSerial_admitted() {
    Bytes cms = TestCms.sign(LOADER.insns().toArray(), SIGNER_KEY.getPrivate(), SIGNER, TestCms.SignerId.ISSUER_SERIAL, false);
    LoaderFile signed = LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, cms, LOADER.insns().sha256()));

    Verdict v = trusting(SIGNER).verify(signed);

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.signers().get(0).signerId()).startsWith("issuer");
  }

  @Test
  void verify_signedAttributes_refusedAsKernelWould() {
    Bytes cms = TestCms.sign(LOADER.insns().toArray(), SIGNER_KEY.getPrivate(), SIGNER, TestCms.SignerId.SKID, true);
    LoaderFile signed = LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, cms, LOADER.insns().sha256()));

    Verdict v = trusting(SIGNER).verify(signed);

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.CMS_SIGNED_ATTRIBUTES);
    assertThat(v.kernel().get(0).answer()).isEqualTo("EKEYREJECTED");
  }

  @Test
  void verify_ecdsaSigner_admitted() {
    KeyPair ec = TestPki.key("ec:signer");
    X509Certificate cert = TestPki.cert("CN=ec signer,O=bpfsign test", ec).build();
    Verdict v = trusting(cert).verify(TestCms.signed(LOADER, Scheme.LINUX_6_18, ec.getPrivate(), cert));

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_signaturesSwappedBetweenLoaders_refusedWithSignatureInvalid() {
    LoaderFile other = Goldens.unsigned("tailcalls");
    LoaderFile otherSigned = TestCms.signed(other, Scheme.LINUX_6_18, SIGNER_KEY.getPrivate(), SIGNER);

    Verdict v = trusting(SIGNER).verify(LOADER.withSignature(otherSigned.signatures().get(0)));

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.SIGNATURE_INVALID, FindingCode.EXCL_HASH_MISMATCH);
    assertThat(v.kernel().get(0).answer()).isEqualTo("EKEYREJECTED");
  }

  @Test
  void verify_signatureOverWrongScheme_refused() {
    Bytes cms = TestCms.sign(LOADER.signedPayload(Scheme.LINUX_7_3).toArray(), SIGNER_KEY.getPrivate(), SIGNER,
        TestCms.SignerId.SKID, false);
    LoaderFile mislabelled = LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, cms, LOADER.insns().sha256()));

    Verdict v = trusting(SIGNER).verify(mislabelled);

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_plainLoaderSignedInsnsOnly_refusedAsDataUnbound() {
    LoaderFile plain = Goldens.plain("kconfig");
    Verdict v = trusting(SIGNER).verify(TestCms.signed(plain, Scheme.LINUX_6_18, SIGNER_KEY.getPrivate(), SIGNER));

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.DATA_UNBOUND);
  }

  @Test
  void verify_garbageCms_refusedAsUnreadableAndPredictsEbadmsg() {
    LoaderFile bad = LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("3003020101"), LOADER.insns().sha256()));

    Verdict v = trusting(SIGNER).verify(bad);

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.CMS_UNREADABLE);
    assertThat(v.hasUnreadableInput()).isTrue();
    assertThat(v.kernel().get(0).answer()).isEqualTo("EBADMSG");
  }

  @Test
  void verify_truncatedCms_findingInOurWordsNotBouncyCastles() {
    // a SEQUENCE that claims 0x7f bytes and holds 2: Bouncy Castle says "out of bounds length found"
    LoaderFile bad = LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("307f0201"),
        LOADER.insns().sha256()));

    Verdict v = trusting(SIGNER).verify(bad);

    assertThat(v.findings()).filteredOn(f -> f.code() == FindingCode.CMS_UNREADABLE).singleElement()
        .extracting(Finding::message).isEqualTo("signature 0 (6.18): not a DER CMS SignedData (malformed or truncated"
            + " DER, or DER of another kind)");
  }

  @Test
  void verify_oneOfTwoSignaturesBroken_refused() {
    LoaderFile twice = SIGNED.withSignature(new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("00"), LOADER.insns().sha256()));

    Verdict v = trusting(SIGNER).verify(twice);

    assertThat(v.admitted()).isFalse();
    assertThat(codes(v)).contains(FindingCode.SIGNATURE_VERIFIED, FindingCode.CMS_UNREADABLE);
  }

  @Test
  void verify_bpfKeyring_predictsEinvalOnMainline() {
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(SIGNER))).at(TestPki.NOW).keyring(Keyring.BPF).build()
        .verify(SIGNED);

    assertThat(v.admitted()).isTrue();
    assertThat(v.kernel()).allSatisfy(p -> assertThat(p.answer()).isEqualTo("EINVAL"));
  }
}
