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
    assertLine(r, ExitCodes.BAD_INPUT, store + ": not a PKCS#12 keystore (it is text without a PEM block of that kind)");
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
}
