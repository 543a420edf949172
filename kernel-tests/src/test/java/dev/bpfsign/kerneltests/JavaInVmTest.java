package dev.bpfsign.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.verifier.Keyring;
import dev.bpfsign.verifier.Verifier;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bpfsign (jars + a jlink'd runtime) under Linux 7.2, which verifies signatures on
 * BPF_PROG_LOAD: one boot runs every command; each test checks one step of the transcript.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaInVmTest {
  Transcript t;

  @BeforeAll
  @Timeout(3600)
  void boot(@TempDir Path dir) throws Exception {
    Path signed = dir.resolve("signed.loader");
    Host.bpfsign("sign", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", signed.toString(),
        "--key", TestKeys.path("signer-rsa3072.key.pem").toString(),
        "--cert", TestKeys.path("signer-rsa3072.cert.pem").toString());
    byte[] bytes = Files.readAllBytes(signed);
    // sign OBJ -o writes both variants (6.18 and 7.3); this kernel takes the 6.18 one
    LoaderFile loader = LoaderFileFormat.readBundle(bytes, signed.toString())
        .variant(dev.bpfsign.loader.file.Scheme.LINUX_6_18).orElseThrow();
    byte[] tampered = flipInstructionByte(bytes, loader.insns().toArray());
    byte[] changed = LoaderFileFormat.write(changedPastBpfsign(loader));

    String script = """
        step version bpfsign --version
        step keyring-add bpfsign keyring add /data/signer.cert.pem
        serial=$(sed -n 's/^load with: --keyring //p' /tmp/step.out)
        step keyring-list bpfsign keyring list
        step load-signed bpfsign load /data/signed.loader --trust /data/signer.cert.pem --keyring "$serial"
        step load-tampered bpfsign load /data/tampered.loader --trust /data/signer.cert.pem --keyring "$serial"
        step keyring-trusted bpfsign load /data/signed.loader --trust-keyring --keyring "$serial"
        step keyring-changed bpfsign load /data/changed.loader --trust-keyring --keyring "$serial"
        """;
    t = new Guest()
        .file("/data/signer.cert.pem", TestKeys.bytes("signer-rsa3072.cert.pem"))
        .file("/data/signed.loader", bytes)
        .file("/data/tampered.loader", tampered)
        .file("/data/changed.loader", changed)
        .boot(script, dir, 1800);
    System.out.println("guest console:\n" + t.console());
  }

  @Test
  void guest_runsLinux72AndTheJvm() {
    assertThat(t.kernel()).startsWith("7.2");
    assertThat(t.step("version").rc()).as(t.step("version").output()).isZero();
    assertThat(t.finished()).as("the script ran to its end").isTrue();
  }

  @Test
  void keyringAdd_printsTheSerialToLoadWith() {
    Transcript.Step add = t.step("keyring-add");
    assertThat(add.rc()).as(add.output()).isZero();
    assertThat(add.output()).contains("bpfsign test signer rsa3072").containsPattern("load with: --keyring \\d+");
    assertThat(t.step("keyring-list").output()).contains("asymmetric").contains("bpfsign test signer rsa3072");
  }

  @Test
  void signedLoader_keyringFromKeyringAdd_kernelVerifiesAndProgramsAreCreated() {
    Transcript.Step load = t.step("load-signed");
    assertThat(load.rc()).as(load.output()).isZero();
    assertThat(load.output()).contains("gate: kernel-signature").containsPattern("program\\s+count_getpid\\s+id \\d+")
        .contains("this kernel takes the 6.18 variant");
  }

  @Test
  void changedInstructionByte_refusedByBpfsignBeforeTheKernel() {
    // bpfsign's own verification refuses it (exit 1), so the kernel never sees it; the kernel's
    // EKEYREJECTED for the same change is signer's KernelAcceptanceTest (a static test program)
    Transcript.Step load = t.step("load-tampered");
    assertThat(load.rc()).as(load.output()).isEqualTo(1);
    assertThat(load.output()).contains("NOT ADMITTED").contains("SIGNATURE_INVALID");
  }

  @Test
  void trustKeyring_signedLoader_kernelVerifiesAndProgramsAreCreated() {
    Transcript.Step load = t.step("keyring-trusted");
    assertThat(load.rc()).as(load.output()).isZero();
    assertThat(load.output()).contains("gate: kernel-signature").containsPattern("program\\s+count_getpid\\s+id \\d+");
  }

  @Test
  void trustKeyring_changedInstructionByte_kernelAnswersEkeyrejected() {
    // bpfsign leaves the signature to the kernel and finds nothing else wrong with this change;
    // the kernel's signature check is what refuses it, and bpfsign reports that as such
    Transcript.Step load = t.step("keyring-changed");
    assertThat(load.rc()).as(load.output()).isEqualTo(4);
    assertThat(load.output()).contains("ADMITTED").contains("EKEYREJECTED")
        .contains("the signature does not verify with the keyring's keys")
        .doesNotContainPattern("program\\s+count_getpid\\s+id \\d+");
  }

  /**
   * The 6.18 variant with one instruction changed the way an attacker would (a byte flipped and
   * the unsigned excl_prog_hash rewritten to match), at the first byte bpfsign cannot catch
   * when the signature is left to the kernel: only the kernel's check of the signature can.
   */
  static LoaderFile changedPastBpfsign(LoaderFile loader) {
    Verifier leftToKernel = Verifier.builder().keyring(Keyring.BUILTIN).signaturesCheckedByKernel(true).build();
    for (int i = 4; i < loader.insns().length(); i += 8) {
      byte[] insns = loader.insns().toArray();
      insns[i] ^= 0x01;
      Bytes changed = Bytes.of(insns);
      LoaderFile candidate = new LoaderFile(loader.name(), loader.mode(), loader.scheme(), loader.order(), changed,
          loader.data(), loader.ctx(), loader.signatures().stream()
              .map(b -> new SignatureBlock(b.scheme(), b.cms(), changed.sha256(), b.certificates())).toList(),
          loader.rawTracepoints());
      if (leftToKernel.verify(candidate).admitted()) {
        return candidate;
      }
    }
    throw new AssertionError("every instruction change is caught without the signature");
  }

  /** The file with one byte of its instructions changed (the middle instruction's immediate). */
  static byte[] flipInstructionByte(byte[] file, byte[] insns) {
    int at = indexOf(file, insns);
    assertThat(at).as("instructions found in the loader file").isPositive();
    byte[] copy = file.clone();
    copy[at + (insns.length / 16) * 8 + 4] ^= 0x01;
    return copy;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
