package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux 7.3 (Debian experimental's cloud kernel, fetched by the project's fetch-kernel.sh) judges
 * bpfsign's 7.3 variant: signed over instructions ‖ data and loaded with the frozen exclusive map
 * and {@code fd_array_cnt = 1}, it is accepted and creates its programs; a changed instruction
 * byte (the map exclusive to the changed instructions, as bpfsign's runtime makes it) or data byte
 * is refused by the kernel (EKEYREJECTED); the 6.18 variant is refused
 * (EACCES); and the dual artefact loads its 7.3 variant, picked by probing the kernel. One boot.
 */
@Tag("kernel")
class KernelAcceptance73Test {
  private static final String FIXTURE = Fixtures.MAPS_BASIC;

  @Test
  @Timeout(1500)
  void variant73_linux73_acceptedTamperingRefused_618Refused_dualPicks73(@TempDir Path dir) throws Exception {
    Path kernel = KernelVm.kernel(KernelVm.EXPERIMENTAL);
    byte[] init = Files.readAllBytes(KernelVm.compileInit(dir));
    LoaderBundle dual = KernelCases.dualArtefact(FIXTURE);
    LoaderFile v73 = dual.variant(Scheme.LINUX_7_3).orElseThrow();
    LoaderFile v618 = dual.variant(Scheme.LINUX_6_18).orElseThrow();
    byte[] insns = v73.insns().toArray();
    byte[] data = v73.data().toArray();

    Initramfs image = new Initramfs()
        .file("init", init, true)
        .directory("dev").charDevice("dev/console", 5, 1)
        .directory("certs")
        .file("certs/signer-rsa3072.der", TestKeys.bytes("signer-rsa3072.cert.der"), false)
        .file("cases", String.join("\n", List.of("signed73", "insn-changed73", "insn-changed73-stale-excl",
                "data-changed73", "variant618", "dual"))
            .concat("\n").getBytes(StandardCharsets.US_ASCII), false);
    KernelCases.add(image, "signed73", v73);
    // as bpfsign load does it: the map is exclusive to the digest of the instructions loaded, so the
    // kernel gets to the signature, which fails
    KernelCases.add(image, "insn-changed73", v73, flipByte(insns, insns.length / 2 + 4), data,
        v73.signatures().getFirst());
    // with the map still exclusive to the signed instructions' digest (the signature block's
    // excl_prog_hash), the kernel refuses earlier: the map does not belong to this program
    KernelCases.add(image, "insn-changed73-stale-excl", v73, flipByte(insns, insns.length / 2 + 4), data,
        v73.signatures().getFirst(), v73.signatures().getFirst().exclProgHash().toArray());
    KernelCases.add(image, "data-changed73", v73, insns, flipByte(data, data.length / 2), v73.signatures().getFirst());
    KernelCases.add(image, "variant618", v618);
    KernelCases.addDual(image, "dual", dual);
    Path initramfs = dir.resolve("initramfs.cpio");
    Files.write(initramfs, image.finish());

    String console = KernelVm.boot(kernel, initramfs, 900);

    List<String> results = console.lines().map(String::strip).filter(l -> l.startsWith("RESULT ")).toList();
    System.out.println("kernel VM (7.3) results:\n  " + String.join("\n  ", results));
    assertThat(results).as("console output:\n%s", console).containsExactly(
        "RESULT signed73 loaded retval=0 progs=2",
        "RESULT insn-changed73 prog_load errno=129",
        "RESULT insn-changed73-stale-excl prog_load errno=13",
        "RESULT data-changed73 prog_load errno=129",
        "RESULT variant618 prog_load errno=13",
        "RESULT dual picked=7.3 loaded retval=0 progs=2");
  }

  private static byte[] flipByte(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x01;
    return copy;
  }
}
