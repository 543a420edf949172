package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The target record end to end: gen records it, inspect, verify --json and diff show it, a
 * policy requires a profile or release, and load compares it with this host. The kconfig fixture
 * uses LINUX_KERNEL_VERSION and three strong Kconfig values, so its loader embeds the release.
 */
class TargetRecordCommandTest {
  @TempDir Path dir;
  private Path profile;
  private Path loader;
  private String trust;

  private Path profile(String name, String release) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, """
        {"schema": "bpfsign.target/v1", "kernel_release": "%s", "possible_cpus": 4,
         "kconfig": {"CONFIG_HZ": "250", "CONFIG_BPF_SYSCALL": "y", "CONFIG_NET_CLS_BPF": "m", "CONFIG_UNUSED": "y"}}
        """.formatted(release));
    return p;
  }

  private Path gen(Path target, String out) {
    Path l = dir.resolve(out);
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o", l.toString(), "--target",
        target.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return l;
  }

  private void sign(Path l) {
    Cli.Result r = Cli.run("sign", l.toString(), "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", trust);
    assertThat(r.code()).as(r.err()).isZero();
  }

  private String hash(Path p) {
    Cli.Result r = Cli.run("target", "hash", p.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().substring(0, 64);
  }

  private static String hostRelease() throws Exception {
    return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
  }

  @BeforeEach
  void setUp() throws Exception {
    trust = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    profile = profile("fleet.json", "7.2.0");
    loader = gen(profile, "kconfig.loader");
  }

  @Test
  void inspect_showsTheProfileHashAndOnlyTheFieldsTheObjectUsed() throws Exception {
    Cli.Result json = Cli.run("inspect", loader.toString(), "--json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode t = Json.mapper().readTree(json.out()).get("target");
    assertThat(t.get("origin").stringValue()).isEqualTo("profile");
    assertThat(t.get("profile_sha256").stringValue()).isEqualTo(hash(profile));
    assertThat(t.get("kernel_release").stringValue()).isEqualTo("7.2.0");
    assertThat(t.get("kernel_version").stringValue()).isEqualTo("7.2.0");
    assertThat(t.has("possible_cpus")).as("no perf event array without a size").isFalse();
    assertThat(t.get("kconfig").propertyNames()).containsExactly("CONFIG_BPF_SYSCALL", "CONFIG_HZ", "CONFIG_NET_CLS_BPF");
    assertThat(t.get("kconfig").get("CONFIG_NET_CLS_BPF").stringValue()).isEqualTo("m");

    Cli.Result text = Cli.run("inspect", loader.toString());
    assertThat(text.out()).contains("target      profile sha256 " + hash(profile) + "\n")
        .contains("            kernel 7.2.0 (LINUX_KERNEL_VERSION 7.2.0)\n")
        .contains("            kconfig CONFIG_HZ=250\n");
  }

  @Test
  void gen_withoutTargetInputs_recordsNothing() throws Exception {
    Path plain = dir.resolve("maps_basic.loader");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", plain.toString()).code()).isZero();
    assertThat(Cli.run("inspect", plain.toString()).out()).contains("target      none recorded");
    assertThat(Json.mapper().readTree(Cli.run("inspect", plain.toString(), "--json").out()).has("target")).isFalse();
  }

  @Test
  void targetHash_isTheSameForHostAndTheCapturedFile() throws Exception {
    Path captured = dir.resolve("captured.json");
    assertThat(Cli.run("target", "capture", "-o", captured.toString()).code()).isZero();
    Cli.Result r = Cli.run("target", "hash", "host", captured.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).endsWith("  host");
    assertThat(lines[0].substring(0, 64)).isEqualTo(lines[1].substring(0, 64));
    assertThat(Cli.run("target", "hash", dir.resolve("missing.json").toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void diff_namesTheTargetFieldsThatChanged() throws Exception {
    Path other = gen(profile("other.json", "7.3.0"), "other.loader");
    Cli.Result text = Cli.run("diff", loader.toString(), other.toString(), "--scheme", "6.18");
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out()).contains("  target: target.profile " + hash(profile) + " -> " + hash(dir.resolve("other.json")))
        .contains("  target: target.kernel_release 7.2.0 -> 7.3.0")
        .contains("  target: target.kernel_version 7.2.0 -> 7.3.0");
    Cli.Result json = Cli.run("diff", loader.toString(), other.toString(), "--scheme", "6.18", "--json");
    JsonNode d = Json.mapper().readTree(json.out());
    assertThat(d.get("a").get("target").get("kernel_release").stringValue()).isEqualTo("7.2.0");
    assertThat(d.get("b").get("target").get("kernel_release").stringValue()).isEqualTo("7.3.0");
  }

  @Test
  void verify_showsTheTarget_andAPolicyRequiresAProfileOrRelease() throws Exception {
    sign(loader);
    Cli.Result json = Cli.run("verify", loader.toString(), "--trust", trust, "--scheme", "6.18", "--json");
    assertThat(json.code()).as(json.out()).isZero();
    assertThat(Json.mapper().readTree(json.out()).get("loader").get("target").get("profile_sha256").stringValue())
        .isEqualTo(hash(profile));

    Path wanted = dir.resolve("p1.json");
    Files.writeString(wanted, "{\"schema\":\"bpfsign.policy/v2\",\"target_profiles\":[\"" + hash(profile) + "\"]}");
    assertThat(Cli.run("verify", loader.toString(), "--trust", trust, "--scheme", "6.18", "--policy", wanted.toString())
        .code()).isZero();

    Path otherProfile = dir.resolve("p2.json");
    Files.writeString(otherProfile, "{\"schema\":\"bpfsign.policy/v2\",\"target_profiles\":[\"" + "0".repeat(64) + "\"]}");
    Cli.Result refused = Cli.run("verify", loader.toString(), "--trust", trust, "--scheme", "6.18", "--policy",
        otherProfile.toString());
    assertThat(refused.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(refused.out()).contains("POLICY_TARGET_PROFILE");

    Path release = dir.resolve("p3.json");
    Files.writeString(release, "{\"schema\":\"bpfsign.policy/v2\",\"kernel_releases\":[\"" + hostRelease() + "\"]}");
    Cli.Result wrongRelease = Cli.run("verify", loader.toString(), "--trust", trust, "--scheme", "6.18", "--policy",
        release.toString());
    assertThat(wrongRelease.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(wrongRelease.out()).contains("POLICY_KERNEL_RELEASE").contains("embeds kernel release 7.2.0");
  }

  @Test
  void load_ofALoaderForAnotherRelease_warnsInOneLine_andStrictRefusesBeforeLoading() throws Exception {
    assertThat(hostRelease()).as("this test needs a host that does not run 7.2.0").isNotEqualTo("7.2.0");
    sign(loader);
    // --dry-run: the whole load path up to the kernel, without touching it
    Cli.Result warned = Cli.run("load", loader.toString(), "--trust", trust, "--scheme", "6.18", "--dry-run");
    assertThat(warned.code()).as(warned.out() + warned.err()).isZero();
    assertThat(warned.err().lines().filter(l -> l.startsWith("bpfsign: warning: ")).toList()).singleElement().asString()
        .isEqualTo("bpfsign: warning: " + loader + ": generated for another host: kernel release 7.2.0 (this host: '"
            + hostRelease() + "')");

    Cli.Result strict = Cli.run("load", loader.toString(), "--trust", trust, "--scheme", "6.18", "--strict");
    assertThat(strict.code()).as(strict.out() + strict.err()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(strict.out()).startsWith("NOT ADMITTED: kconfig_bpf was not loaded\n")
        .contains("  ERROR TARGET_HOST: generated for another host: kernel release 7.2.0").doesNotContain("ADMITTED: kconfig_bpf\n");
    assertThat(strict.err()).contains("--strict refuses to load it");
    Cli.Result strictJson = Cli.run("load", loader.toString(), "--trust", trust, "--scheme", "6.18", "--strict", "--json");
    assertThat(strictJson.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    JsonNode verdict = Json.mapper().readTree(strictJson.out()).get("verdict");
    assertThat(verdict.get("admitted").booleanValue()).isFalse();
    assertThat(verdict.get("findings").get(0).stringValue()).startsWith("ERROR TARGET_HOST: generated for another host");
  }

  @Test
  void load_ofALoaderForThisRelease_saysNothing() throws Exception {
    Path here = gen(profile("here.json", hostRelease()), "here.loader");
    sign(here);
    Cli.Result r = Cli.run("load", here.toString(), "--trust", trust, "--scheme", "6.18", "--dry-run", "--strict");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).doesNotContain("another host");
  }

  @Test
  void load_ofALoaderWithAnotherBootsKallsyms_warns_orSaysItCannotCompare() throws Exception {
    Path kallsyms = dir.resolve("kallsyms");
    Files.writeString(kallsyms, "0000000000001234 T bpf_prog_put\n");
    Path l = dir.resolve("ksyms.loader");
    Cli.Result g = Cli.run("gen", Fixtures.objectPath(Fixtures.KFUNCS_KSYMS).toString(), "-o", l.toString(),
        "--kallsyms", kallsyms.toString());
    assertThat(g.code()).as(g.err()).isZero();
    sign(l);
    Cli.Result r = Cli.run("load", l.toString(), "--trust", trust, "--scheme", "6.18", "--dry-run");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    boolean readable = Files.readAllLines(Path.of("/proc/kallsyms")).stream().limit(1000)
        .anyMatch(line -> !line.startsWith("0000000000000000 "));
    if (readable) {
      assertThat(r.err()).containsPattern("bpfsign: warning: .*: generated for another host: ksym 'bpf_prog_put' at 1234"
          + " \\(this host: [0-9a-f]+\\)\n");
    } else {
      // addresses read as 0 for this user: no difference is claimed
      assertThat(r.err()).contains("cannot compare with this host: kallsyms addresses").doesNotContain("another host");
    }
  }

  @Test
  void verify_aRecordEditedToClaimAnotherKernelVersion_isRefused() throws Exception {
    sign(loader);
    var bundle = dev.bpfsign.loader.file.LoaderFileFormat.readBundle(Files.readAllBytes(loader), "l");
    var t = bundle.target().orElseThrow();
    var forged = new dev.bpfsign.loader.target.LoaderTarget(t.origin(), t.profileSha256(), "7.3.0", 7 << 16 | 3 << 8,
        t.possibleCpus(), t.kconfig(), t.kallsyms());
    Path edited = dir.resolve("edited.loader");
    Files.write(edited, dev.bpfsign.loader.file.LoaderFileFormat.write(bundle.withTarget(forged)));
    Cli.Result r = Cli.run("verify", edited.toString(), "--trust", trust, "--scheme", "6.18");
    assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(r.out()).contains("TARGET_RECORD_MISMATCH")
        .contains("the record says LINUX_KERNEL_VERSION 7.3.0, the signed data holds 7.2.0");
  }

  @Test
  void signObjects_recordsTheTargetInTheFilesItSigns() throws Exception {
    Path out = dir.resolve("signed");
    Cli.Result r = Cli.run("sign", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-d", out.toString(), "--key",
        TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(), "--cert", trust, "--target", profile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Path signed = out.resolve("kconfig_bpf.loader");
    // the record was written before signing: the file's content is the one gen writes, plus signatures
    byte[] generated = Files.readAllBytes(loader);
    byte[] bytes = Files.readAllBytes(signed);
    assertThat(java.util.Arrays.copyOf(bytes, generated.length)).isEqualTo(generated);
    Path policy = dir.resolve("policy.json");
    Files.writeString(policy, "{\"schema\":\"bpfsign.policy/v2\",\"target_profiles\":[\"" + hash(profile)
        + "\"],\"kernel_releases\":[\"7.2.0\"]}");
    Cli.Result v = Cli.run("verify", signed.toString(), "--trust", trust, "--policy", policy.toString());
    assertThat(v.code()).as(v.out()).isZero();
  }

  @Test
  void importAdd_aVariantOfTheSameBuild_keepsTheFilesTarget() throws Exception {
    Path only618 = dir.resolve("only618.loader");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o", only618.toString(), "--target",
        profile.toString(), "--scheme", "6.18").code()).isZero();
    Path header = dir.resolve("v73.h");
    assertThat(Cli.run("skel", loader.toString(), "--scheme", "7.3", "-o", header.toString()).code()).isZero();
    Cli.Result r = Cli.run("import", header.toString(), "-o", only618.toString(), "--add", "--scheme", "7.3");
    assertThat(r.code()).as(r.err()).isZero();
    var merged = dev.bpfsign.loader.file.LoaderFileFormat.readBundle(Files.readAllBytes(only618), "m");
    assertThat(merged.schemes()).hasSize(2);
    var both = dev.bpfsign.loader.file.LoaderFileFormat.readBundle(Files.readAllBytes(loader), "b");
    assertThat(merged.target()).isPresent().isEqualTo(both.target());
    assertThat(merged.variants().get(1).insns()).isEqualTo(both.variants().get(1).insns());
  }

  @Test
  void aCorruptTargetRecord_isOneLineExit3_forEveryCommandThatReadsIt() throws Exception {
    byte[] bytes = Files.readAllBytes(loader);
    // the target record is the last record of the unsigned file: tag 4, size, then the origin byte
    int content = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(12);
    int at = 16;
    while (true) {
      int tag = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
      int size = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(at + 2);
      if (tag == 4) {
        break;
      }
      at += 6 + size;
      assertThat(at).isLessThan(16 + content);
    }
    bytes[at + 6] = 9;
    Path bad = dir.resolve("bad.loader");
    Files.write(bad, bytes);
    for (String[] args : new String[][] {{"inspect", bad.toString()}, {"verify", bad.toString(), "--trust", trust},
        {"diff", loader.toString(), bad.toString()}}) {
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).isEqualTo("bpfsign: " + bad + ": offset " + (at + 6) + ": record 3: unknown target origin 9\n");
    }
  }

  @Test
  void genJson_showsTheRecordItWrote() throws Exception {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), Fixtures.objectPath(Fixtures.MAPS_BASIC)
        .toString(), "-d", dir.resolve("out").toString(), "--kernel-version", "6.1.2", "--json");
    assertThat(r.code()).as("one object failed").isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode entries = Json.mapper().readTree(r.out()).get("entries");
    // kconfig used the kernel version (and needs Kconfig it does not get: it fails); maps_basic used nothing
    assertThat(entries.get(0).get("status").stringValue()).isEqualTo("failed");
    assertThat(entries.get(1).has("target_record")).isFalse();
    Cli.Result ok = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o", dir.resolve("k").toString(),
        "--target", profile.toString(), "--kernel-version", "6.1.2", "--json");
    assertThat(ok.code()).as(ok.err()).isZero();
    JsonNode t = Json.mapper().readTree(ok.out()).get("entries").get(0).get("target_record");
    assertThat(t.get("profile_sha256").stringValue()).isEqualTo(hash(profile));
    assertThat(t.get("kernel_version").stringValue()).isEqualTo("6.1.2");
    assertThat(t.has("kernel_release")).as("--kernel-version overrode the profile's release").isFalse();
  }
}
