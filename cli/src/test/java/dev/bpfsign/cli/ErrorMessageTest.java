package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors name the user's file and what is wrong with it in our words: no temporary file name,
 * no JDK or Bouncy Castle message ("Empty input", "toDerInputStream rejects tag type -8",
 * "Input length = 1"), no raw bytes echoed to the terminal. Exact lines, so a regression shows.
 */
class ErrorMessageTest {
  @TempDir Path dir;
  private Path loader;
  private Path binary;

  @BeforeEach
  void setUp() throws Exception {
    loader = Files.write(dir.resolve("a.loader"), LoaderFileFormat.write(ConcurrentSigningTest.unsigned()));
    // the start of an ELF object: NUL and other control bytes
    binary = Files.write(dir.resolve("binary"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
  }

  private static String cert(String name) {
    return TestKeys.path(name + ".cert.pem").toString();
  }

  private static String key(String name) {
    return TestKeys.path(name + ".key.pem").toString();
  }

  private static void assertLine(Cli.Result r, int code, String line) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err()).isEqualTo("bpfsign: " + line + "\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void gen_kallsymsOfABinaryFile_saysItIsNotTextWithoutEchoingIt() {
    Path out = dir.resolve("out.loader");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KFUNCS_KSYMS).toString(), "-o", out.toString(),
        "--kallsyms", binary.toString());
    // the kallsyms reader names the line and quotes it escaped (Printable), whatever bytes it holds
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + binary + ":1: not kallsyms text").endsWith("\n");
    assertThat(r.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
    assertThat(out).doesNotExist();
  }

  @Test
  void gen_kconfigOfABinaryFile_saysItIsNotText() {
    Path out = dir.resolve("out.loader");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o", out.toString(),
        "--kconfig", binary.toString());
    assertLine(r, ExitCodes.BAD_INPUT, binary + ": not a text file (control byte 0x7f at offset 0); expected"
        + " Kconfig lines (CONFIG_X=y)");
  }

  @Test
  void gen_kconfigNotUtf8_namesTheOffset() throws Exception {
    Path latin1 = Files.write(dir.resolve("latin1.config"), new byte[] {'C', 'O', 'N', 'F', 'I', 'G', '_', 'A', '=',
        '"', (byte) 0xe9, '"', '\n'});
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o",
        dir.resolve("out.loader").toString(), "--kconfig", latin1.toString());
    assertLine(r, ExitCodes.BAD_INPUT, latin1 + ": not a text file (byte 0xe9 at offset 10 is not UTF-8); expected"
        + " Kconfig lines (CONFIG_X=y)");
  }

  @Test
  void sign_garbageKeystore_saysWhatTheFileIs() throws Exception {
    Path store = Files.writeString(dir.resolve("store.p12"), "this is not a keystore\n");
    Cli.Result r = Cli.run("sign", loader.toString(), "--keystore", store.toString(), "--alias", "x");
    assertLine(r, ExitCodes.BAD_INPUT, store + ": not a PKCS#12 keystore (it is text; this is a binary (DER) format)");
  }

  @Test
  void sign_binaryKeystore_saysWhatTheFileIs() throws Exception {
    Path store = Files.write(dir.resolve("store.p12"), new byte[] {(byte) 0xf8, 1, 2, 3});
    Cli.Result r = Cli.run("sign", loader.toString(), "--keystore", store.toString(), "--alias", "x");
    assertLine(r, ExitCodes.BAD_INPUT,
        store + ": not a PKCS#12 keystore (it starts with byte 0xf8, not a DER SEQUENCE (0x30))");
  }

  @Test
  void sign_emptyCertificate_saysItIsEmpty() throws Exception {
    Path empty = Files.write(dir.resolve("empty.pem"), new byte[0]);
    Cli.Result r = Cli.run("sign", loader.toString(), "--key", key(TestKeys.SIGNER_RSA3072), "--cert",
        empty.toString());
    assertLine(r, ExitCodes.BAD_INPUT, empty + ": not an X.509 certificate, PEM or DER (the file is empty)");
  }

  @Test
  void verify_garbageTrust_saysWhatTheFileIs() throws Exception {
    Path empty = Files.write(dir.resolve("empty.der"), new byte[0]);
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", empty.toString());
    assertLine(r, ExitCodes.BAD_INPUT, empty + ": not an X.509 certificate (the file is empty)");
  }

  @Test
  void verify_garbagePkcs12Trust_saysWhatTheFileIs() throws Exception {
    Path store = Files.write(dir.resolve("trust.p12"), new byte[] {(byte) 0xf8, 1, 2, 3});
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", store.toString());
    assertLine(r, ExitCodes.BAD_INPUT,
        store + ": not a PKCS#12 store (it starts with byte 0xf8, not a DER SEQUENCE (0x30))");
  }

  @Test
  void verify_garbageCrl_saysWhatTheFileIs() throws Exception {
    Path crl = Files.write(dir.resolve("x.crl"), new byte[] {0x30, 0x03, 1});
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", cert(TestKeys.SIGNER_RSA3072), "--crl",
        crl.toString());
    assertLine(r, ExitCodes.BAD_INPUT, crl + ": not an X.509 CRL (malformed or truncated DER, or DER of another kind)");
  }

  @Test
  void import_outputInMissingDirectory_namesTheDirectory() {
    Path out = dir.resolve("missing/out.loader");
    Cli.Result r = Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o",
        out.toString());
    assertLine(r, ExitCodes.BAD_INPUT, out + ": cannot write: no such directory " + dir.resolve("missing"));
  }

  @Test
  void sign_malformedPemKey_saysSoWithoutTheParsersWords() throws Exception {
    Path pem = Files.writeString(dir.resolve("k.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    Cli.Result r = Cli.run("sign", loader.toString(), "--key", pem.toString(), "--cert", cert(TestKeys.SIGNER_RSA3072));
    assertLine(r, ExitCodes.BAD_INPUT, pem + ": malformed PEM private key (the block's base64 content is not a valid"
        + " DER key: damaged or truncated?)");
  }

  // ---- JSON inputs: our words, the file, the line and column (never Jackson's text)

  private Cli.Result verifyWithPolicy(Path policy) {
    return Cli.run("verify", loader.toString(), "--trust", cert(TestKeys.SIGNER_RSA3072), "--policy", policy.toString());
  }

  @Test
  void verify_emptyPolicy_saysItIsEmpty() throws Exception {
    Path p = Files.write(dir.resolve("p.json"), new byte[0]);
    assertLine(verifyWithPolicy(p), ExitCodes.BAD_INPUT,
        p + ": the file is empty; expected an admission policy (bpfsign.policy/v2), a JSON object");
  }

  @Test
  void verify_policyIsADirectory_saysSo() {
    assertLine(verifyWithPolicy(dir), ExitCodes.BAD_INPUT, dir + ": is a directory, not a policy file");
  }

  @Test
  void verify_policyOfPlainText_namesLineAndColumnNotTheParser() throws Exception {
    Path p = Files.writeString(dir.resolve("p.json"), "mode: enforce\n");
    assertLine(verifyWithPolicy(p), ExitCodes.BAD_INPUT, p + ": line 1, column 1: not valid JSON near 'mode: enforce'");
  }

  @Test
  void verify_binaryPolicy_saysItIsNotUtf8() throws Exception {
    Path p = Files.write(dir.resolve("p.json"), new byte[] {'{', '"', (byte) 0xff, 0x01, '"', '}'});
    assertLine(verifyWithPolicy(p), ExitCodes.BAD_INPUT,
        p + ": line 1, column 3: byte 0xff is not JSON text (a binary file?)");
  }

  @Test
  void verify_truncatedPolicy_saysWhereItEnds() throws Exception {
    Path p = Files.writeString(dir.resolve("p.json"), "{\"schema\": \"bpfsign.policy/v2\",\n \"max_maps\": 3,");
    assertLine(verifyWithPolicy(p), ExitCodes.BAD_INPUT, p + ": line 2, column 16: the JSON ends early (an unclosed"
        + " object, array or string, or a missing value)");
  }

  @Test
  void verify_policyWithAFieldTwice_isRefusedNotLastOneWins() throws Exception {
    Path p = Files.writeString(dir.resolve("p.json"),
        "{\"schema\": \"bpfsign.policy/v2\",\n \"max_maps\": 1,\n \"max_maps\": 100}");
    assertLine(verifyWithPolicy(p), ExitCodes.BAD_INPUT, p + ": line 3, column 2: field 'max_maps' appears twice in"
        + " one object");
  }

  @Test
  void verify_policyThatIsAnArray_saysWhatItExpected() throws Exception {
    Path p = Files.writeString(dir.resolve("p.json"), "[]");
    assertLine(verifyWithPolicy(p), ExitCodes.BAD_INPUT,
        p + ": expected an admission policy (bpfsign.policy/v2), a JSON object, not an array");
  }

  @Test
  void gen_targetProfileNotJson_namesLineAndColumn() throws Exception {
    Path t = Files.writeString(dir.resolve("t.json"), "{\n  \"schema\": bpfsign\n}");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o",
        dir.resolve("out.loader").toString(), "--target", t.toString());
    assertLine(r, ExitCodes.BAD_INPUT, t + ": line 2, column 13: not valid JSON near '\"schema\": bpfsign'");
  }

  // ---- PKCS#11 configuration: checked in our words before SunPKCS11 reads it

  private Cli.Result signWithPkcs11(Path config) {
    return Cli.run("sign", loader.toString(), "--pkcs11", config.toString(), "--alias", "k", "--cert",
        cert(TestKeys.SIGNER_RSA3072));
  }

  @Test
  void sign_emptyPkcs11Config_saysItIsEmpty() throws Exception {
    Path c = Files.write(dir.resolve("p11.cfg"), new byte[0]);
    assertLine(signWithPkcs11(c), ExitCodes.BAD_INPUT,
        c + ": the file is empty; expected a SunPKCS11 configuration (name = …, library = …)");
  }

  @Test
  void sign_pkcs11ConfigIsADirectory_saysSo() {
    assertLine(signWithPkcs11(dir), ExitCodes.BAD_INPUT, dir + ": is a directory, not a SunPKCS11 configuration file");
  }

  @Test
  void sign_pkcs11ConfigWithALineThatIsNoAssignment_namesTheLine() throws Exception {
    Path c = Files.writeString(dir.resolve("p11.cfg"), "# token\nname = t\nslot\n");
    assertLine(signWithPkcs11(c), ExitCodes.BAD_INPUT, c + ":3: expected 'keyword = value', got 'slot'");
  }

  @Test
  void sign_pkcs11ConfigWithoutLibrary_saysWhatIsMissing() throws Exception {
    Path c = Files.writeString(dir.resolve("p11.cfg"), "name = t\n");
    assertLine(signWithPkcs11(c), ExitCodes.BAD_INPUT, c + ": no 'library = …' line naming the PKCS#11 module (e.g."
        + " library = /usr/lib/softhsm/libsofthsm2.so)");
  }

  @Test
  void sign_pkcs11LibraryThatIsNotASharedLibrary_namesTheLine() throws Exception {
    String pem = cert(TestKeys.SIGNER_RSA3072);
    Path c = Files.writeString(dir.resolve("p11.cfg"), "name = t\nlibrary = " + pem + "\n");
    assertLine(signWithPkcs11(c), ExitCodes.BAD_INPUT, c + ":2: library '" + pem + "' is not a shared library (no ELF"
        + " header); a PKCS#11 module is a .so");
  }

  @Test
  void sign_pkcs11LibraryMissing_namesTheLine() throws Exception {
    Path lib = dir.resolve("none.so");
    Path c = Files.writeString(dir.resolve("p11.cfg"), "name = t\nlibrary = " + lib + "\n");
    assertLine(signWithPkcs11(c), ExitCodes.BAD_INPUT, c + ":2: library '" + lib + "' does not exist");
  }

  @Test
  void sign_pkcs11ConfigWithAnUnknownKeyword_namesItAndTheLine() throws Exception {
    // an ELF file passes our check; SunPKCS11 then refuses the keyword, before loading anything
    String elf = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path c = Files.writeString(dir.resolve("p11.cfg"), "name = t\nlibrary = " + elf + "\nslots = 1\n");
    assertLine(signWithPkcs11(c), ExitCodes.BAD_INPUT, c + ":3: 'slots' is not a SunPKCS11 configuration keyword (see"
        + " the JDK's PKCS#11 Reference Guide)");
  }

  // ---- Kconfig lines: the Kconfig file and line, not only the object

  @Test
  void gen_kconfigLineWithoutValue_namesTheKconfigFileAndLine() throws Exception {
    Path k = Files.writeString(dir.resolve("config"), "CONFIG_BPF=y\nCONFIG_HZ\n");
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.KCONFIG).toString(), "-o",
        dir.resolve("out.loader").toString(), "--kernel-version", "6.18.0", "--kconfig", k.toString());
    assertLine(r, ExitCodes.BAD_INPUT, k + ":2: cannot parse 'CONFIG_HZ': no '='");
  }

  @Test
  void gen_kconfigValueOfTheWrongKind_namesTheKconfigLineAndTheObject() throws Exception {
    Path k = Files.writeString(dir.resolve("config"), "CONFIG_BPF=y\nCONFIG_HZ=abc\n");
    Path object = Fixtures.objectPath(Fixtures.KCONFIG);
    Cli.Result r = Cli.run("gen", object.toString(), "-o", dir.resolve("out.loader").toString(), "--kernel-version",
        "6.18.0", "--kconfig", k.toString());
    assertLine(r, ExitCodes.BAD_INPUT, k + ":2: CONFIG_HZ: value 'abc' is not a valid integer (extern of " + object + ")");
  }

  // ---- a directory where a file is expected

  @Test
  void sign_keyIsADirectory_saysSo() {
    Cli.Result r = Cli.run("sign", loader.toString(), "--key", dir.toString(), "--cert", cert(TestKeys.SIGNER_RSA3072));
    assertLine(r, ExitCodes.BAD_INPUT, dir + ": is a directory, not a PEM private key");
  }

  @Test
  void sign_certIsADirectory_saysSo() {
    Cli.Result r = Cli.run("sign", loader.toString(), "--key", key(TestKeys.SIGNER_RSA3072), "--cert", dir.toString());
    assertLine(r, ExitCodes.BAD_INPUT, dir + ": is a directory, not a certificate");
  }

  @Test
  void sign_keystoreIsADirectory_saysSo() {
    Cli.Result r = Cli.run("sign", loader.toString(), "--keystore", dir.toString(), "--alias", "x");
    assertLine(r, ExitCodes.BAD_INPUT, dir + ": is a directory, not a PKCS#12 keystore");
  }

  @Test
  void verify_crlDirectoryWithoutCrls_isRefusedNotIgnored() throws Exception {
    Path crls = Files.createDirectory(dir.resolve("crls"));
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", cert(TestKeys.SIGNER_RSA3072), "--crl", crls.toString());
    assertLine(r, ExitCodes.BAD_INPUT, crls + ": no CRL files in this directory (.pem, .crl, .der)");
  }

  @Test
  void verify_trustPasswordFileNotText_saysSoNotTheDecoder() throws Exception {
    Path pass = Files.write(dir.resolve("pass"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".p12").toString(),
        "--trust-password-file", pass.toString());
    assertLine(r, ExitCodes.BAD_INPUT, pass + ": the password file is not UTF-8 text");
  }

  @Test
  void verify_trustPasswordFileIsADirectory_saysSo() {
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".p12").toString(),
        "--trust-password-file", dir.toString());
    assertLine(r, ExitCodes.BAD_INPUT, dir + ": is a directory, not a password file");
  }

  @Test
  void pull_caOfText_saysWhatTheFileIsBeforeAnyConnection() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    Cli.Result r = Cli.run("pull", "oci://127.0.0.1:9/none/such:1", "--ca", ca.toString(), "-o",
        dir.resolve("x.bin").toString());
    assertLine(r, ExitCodes.BAD_INPUT, ca + ": --ca is not a PEM or DER certificate (it is text without a PEM block of"
        + " that kind)");
  }

  @Test
  void pull_caIsADirectory_saysSo() {
    Cli.Result r = Cli.run("pull", "oci://127.0.0.1:9/none/such:1", "--ca", dir.toString(), "-o",
        dir.resolve("x.bin").toString());
    assertLine(r, ExitCodes.BAD_INPUT, dir + ": is a directory; --ca takes a file of PEM or DER certificates");
  }

  @Test
  void sign_keyPasswordFileIsADirectory_saysSo() {
    // an encrypted key, so that the password is read
    Cli.Result r = Cli.run("sign", loader.toString(), "--key", key(TestKeys.SIGNER_RSA3072 + ".encrypted"), "--cert",
        cert(TestKeys.SIGNER_RSA3072), "--key-pass", "file:" + dir);
    assertLine(r, ExitCodes.BAD_INPUT, "--key-pass: " + dir + " is a directory, not a file holding the secret");
  }

  @Test
  void verify_textPkcs12Trust_saysItIsTextNotAPemProblem() throws Exception {
    Path store = Files.writeString(dir.resolve("trust.p12"), "exported keystore\n");
    Cli.Result r = Cli.run("verify", loader.toString(), "--trust", store.toString());
    assertLine(r, ExitCodes.BAD_INPUT, store + ": not a PKCS#12 store (it is text; this is a binary (DER) format)");
  }
}
