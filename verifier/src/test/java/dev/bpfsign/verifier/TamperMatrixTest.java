package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Flip bytes of a signed loader and expect refusal with the code that names the damage: every
 * instruction byte, a sample of data bytes, every byte of the CMS and of excl_prog_hash.
 */
class TamperMatrixTest {
  static final LoaderFile SIGNED = VerifierTest.SIGNED;
  static final Verifier VERIFIER = VerifierTest.trusting(VerifierTest.SIGNER);

  static Bytes flip(Bytes b, int i) {
    byte[] a = b.toArray();
    a[i] ^= (byte) 0x01;
    return Bytes.of(a);
  }

  static LoaderFile with(Bytes insns, Bytes data, SignatureBlock block) {
    return new LoaderFile(SIGNED.name(), SIGNED.mode(), SIGNED.order(), insns, data, SIGNED.ctx(), List.of(block));
  }

  @Test
  void verify_untampered_admitted() {
    assertThat(VERIFIER.verify(SIGNED).admitted()).isTrue();
  }

  @Test
  void verify_everyInstructionByteFlipped_refusedWithSignatureInvalid() {
    List<String> escaped = new ArrayList<>();
    for (int i = 0; i < SIGNED.insns().length(); i++) {
      Verdict v = VERIFIER.verify(with(flip(SIGNED.insns(), i), SIGNED.data(), SIGNED.signatures().get(0)));
      if (v.admitted() || !v.has(FindingCode.SIGNATURE_INVALID) || !v.has(FindingCode.EXCL_HASH_MISMATCH)) {
        escaped.add("insn byte " + i + ": " + v);
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void verify_dataBytesFlipped_refusedAsTamperedData() {
    List<String> escaped = new ArrayList<>();
    for (int i = 0; i < SIGNED.data().length(); i += 7) {
      Verdict v = VERIFIER.verify(with(SIGNED.insns(), flip(SIGNED.data(), i), SIGNED.signatures().get(0)));
      if (v.admitted() || !v.has(FindingCode.DATA_HASH_MISMATCH) || v.has(FindingCode.SIGNATURE_INVALID)) {
        escaped.add("data byte " + i + ": " + v);
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void verify_dataBytesFlippedUnder2026Scheme_refusedWithSignatureInvalidToo() {
    LoaderFile signed = TestCms.signed(VerifierTest.LOADER, Scheme.LINUX_7_3,
        VerifierTest.SIGNER_KEY.getPrivate(), VerifierTest.SIGNER);
    for (int i = 0; i < signed.data().length(); i += 61) {
      byte[] d = signed.data().toArray();
      d[i] ^= 0x40;
      Verdict v = VERIFIER.verify(new LoaderFile(signed.name(), signed.mode(), signed.order(), signed.insns(),
          Bytes.of(d), signed.ctx(), signed.signatures()));
      assertThat(v.admitted()).isFalse();
      assertThat(VerifierTest.codes(v)).contains(FindingCode.SIGNATURE_INVALID, FindingCode.DATA_HASH_MISMATCH);
    }
  }

  @Test
  void verify_everyCmsByteFlipped_refusedWithASignatureCode() {
    Set<FindingCode> signatureCodes = EnumSet.of(FindingCode.CMS_MALFORMED, FindingCode.CMS_UNREADABLE, FindingCode.CMS_NOT_DETACHED,
        FindingCode.CMS_CONTENT_TYPE, FindingCode.CMS_DIGEST_ALGORITHM, FindingCode.CMS_SIGNED_ATTRIBUTES,
        FindingCode.ALGORITHM_NOT_KERNEL, FindingCode.SIGNATURE_INVALID, FindingCode.SIGNER_UNKNOWN);
    SignatureBlock good = SIGNED.signatures().get(0);
    List<String> escaped = new ArrayList<>();
    for (int i = 0; i < good.cms().length(); i++) {
      SignatureBlock bad = new SignatureBlock(good.scheme(), flip(good.cms(), i), good.exclProgHash());
      Verdict v = VERIFIER.verify(with(SIGNED.insns(), SIGNED.data(), bad));
      if (v.admitted() || v.findings().stream().noneMatch(f -> signatureCodes.contains(f.code()))
          || v.has(FindingCode.INTERNAL_ERROR)) {
        escaped.add("cms byte " + i + ": " + v);
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void verify_everyExclHashByteFlipped_refusedWithExclHashMismatch() {
    SignatureBlock good = SIGNED.signatures().get(0);
    for (int i = 0; i < 32; i++) {
      SignatureBlock bad = new SignatureBlock(good.scheme(), good.cms(), flip(good.exclProgHash(), i));
      Verdict v = VERIFIER.verify(with(SIGNED.insns(), SIGNED.data(), bad));
      assertThat(v.admitted()).isFalse();
      assertThat(VerifierTest.codes(v)).containsExactly(FindingCode.EXCL_HASH_MISMATCH, FindingCode.SIGNATURE_VERIFIED);
    }
  }
}
