package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real judge: a Linux kernel with in-kernel PKCS#7 verification loads loaders signed by
 * bpfsign. One VM boot runs every case; the static test program prints one RESULT line each.
 */
@Tag("kernel")
class KernelAcceptanceTest {
  private static final String FIXTURE = Fixtures.MAPS_BASIC;

  @Test
  @Timeout(1200)
  void signedLoader_linuxWithSignatureVerification_acceptedAndTamperingRefused(@TempDir Path dir) throws Exception {
    Path kernel = KernelVm.kernel();
    byte[] init = Files.readAllBytes(KernelVm.compileInit(dir));
    LoaderFile loader = Material.signableLoader(FIXTURE);
    SignatureBlock rsa = Material.signer(TestKeys.SIGNER_RSA3072).sign(loader, Scheme.LINUX_6_18, FIXTURE);
    SignatureBlock p256 = Material.signer(TestKeys.SIGNER_P256).sign(loader, Scheme.LINUX_6_18, FIXTURE);

    byte[] insns = loader.insns().toArray();
    byte[] data = loader.data().toArray();
    Map<String, byte[][]> cases = new LinkedHashMap<>();
    cases.put("signed", new byte[][] {insns, data, rsa.cms().toArray()});
    cases.put("insn-changed", new byte[][] {flipByte(insns, insns.length / 2 + 4), data, rsa.cms().toArray()});
    cases.put("data-changed", new byte[][] {insns, flipByte(data, data.length / 2), rsa.cms().toArray()});
    cases.put("signed-p256", new byte[][] {insns, data, p256.cms().toArray()});

    Initramfs image = new Initramfs()
        .file("init", init, true)
        .directory("dev").charDevice("dev/console", 5, 1)
        .directory("certs")
        .file("certs/signer-rsa3072.der", TestKeys.bytes("signer-rsa3072.cert.der"), false)
        .file("certs/signer-p256.der", TestKeys.bytes("signer-p256.cert.der"), false)
        .file("cases", String.join("\n", cases.keySet()).concat("\ndual\n").getBytes(StandardCharsets.US_ASCII), false);
    for (var c : cases.entrySet()) {
      String name = c.getKey();
      image.directory(name)
          .file(name + "/insns.bin", c.getValue()[0], false)
          .file(name + "/data.bin", c.getValue()[1], false)
          .file(name + "/sig.bin", c.getValue()[2], false)
          .file(name + "/excl_hash.bin", rsa.exclProgHash().toArray(), false)
          .file(name + "/ctx_size", (loader.ctx().size() + "\n").getBytes(StandardCharsets.US_ASCII), false);
    }
    // the fleet artefact: this kernel (7.2) must be probed as the 6.18 generation and load that variant
    KernelCases.addDual(image, "dual", KernelCases.dualArtefact(FIXTURE));
    Path initramfs = dir.resolve("initramfs.cpio");
    Files.write(initramfs, image.finish());

    String console = KernelVm.boot(kernel, initramfs, 600);

    List<String> results = console.lines().map(String::strip).filter(l -> l.startsWith("RESULT ")).toList();
    System.out.println("kernel VM results:\n  " + String.join("\n  ", results));
    assertThat(results).as("console output:\n%s", console).containsExactly(
        "RESULT signed loaded retval=0",
        "RESULT insn-changed prog_load errno=129",
        "RESULT data-changed loaded retval=-22",
        "RESULT signed-p256 loaded retval=0",
        "RESULT dual picked=6.18 loaded retval=0 progs=2");
  }

  private static byte[] flipByte(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x01;
    return copy;
  }
}
