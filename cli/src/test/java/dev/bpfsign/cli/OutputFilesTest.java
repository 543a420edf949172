package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files bpfsign writes (docs/cli.md): kept mode, owner, group and symbolic links; all or nothing; clear errors. */
class OutputFilesTest {
  @TempDir Path dir;

  private Path loader(String name) throws Exception {
    return Files.write(dir.resolve(name), LoaderFileFormat.write(ConcurrentSigningTest.unsigned()));
  }

  private static Cli.Result sign(Path file) {
    return Cli.run("sign", file.toString(), "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString());
  }

  private static int signatures(Path file) throws Exception {
    return LoaderFileFormat.read(Files.readAllBytes(file), file.toString()).signatures().size();
  }

  private boolean root() throws Exception {
    return (Integer) Files.getAttribute(dir, "unix:uid") == 0
        && System.getProperty("user.name").equals("root");
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void sign_keepsMode0644() throws Exception {
    Path file = loader("a.loader");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Result r = sign(file);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(signatures(file)).isEqualTo(1);
    assertThat(mode(file)).isEqualTo("rw-r--r--");
  }

  @Test
  void sign_keepsMode0640AndGroup() throws Exception {
    Path file = loader("a.loader");
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    GroupPrincipal group = view.readAttributes().group();
    if (root()) {
      // root may hand the file to any group: give it one that is not root's
      group = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("daemon");
      view.setGroup(group);
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Cli.Result r = sign(file);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(signatures(file)).isEqualTo(1);
    assertThat(mode(file)).isEqualTo("rw-r-----");
    assertThat(Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class).group()).isEqualTo(group);
  }

  @Test
  void sign_asRoot_keepsAnotherUsersOwnership() throws Exception {
    if (!root()) {
      // only root may give a file to someone else; a user's file stays the user's either way
      Path file = loader("a.loader");
      UserPrincipal me = Files.getOwner(file);
      assertThat(sign(file).code()).isZero();
      assertThat(Files.getOwner(file)).isEqualTo(me);
      return;
    }
    Path file = loader("a.loader");
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal nobody = users.lookupPrincipalByName("nobody");
    GroupPrincipal daemon = users.lookupPrincipalByGroupName("daemon");
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    view.setOwner(nobody);
    view.setGroup(daemon);
    Cli.Result r = sign(file);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(signatures(file)).isEqualTo(1);
    assertThat(view.readAttributes().owner()).isEqualTo(nobody);
    assertThat(view.readAttributes().group()).isEqualTo(daemon);
    // the lock file belongs to the same owner, so that owner can sign the file later
    assertThat(Files.getOwner(dir.resolve(".a.loader.lock"))).isEqualTo(nobody);
  }

  @Test
  void sign_readOnlyFile_refusedUnlessThisUserMayWriteIt() throws Exception {
    Path file = loader("a.loader");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    byte[] before = Files.readAllBytes(file);
    Cli.Result r = sign(file);
    if (root()) {
      // root may write any file (access(2) says so), so it signs it, and it stays read-only
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(signatures(file)).isEqualTo(1);
    } else {
      assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).isEqualTo("bpfsign: " + file + ": not writable by you; bpfsign does not replace a file"
          + " you could not write (give an output file instead)\n");
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
    assertThat(mode(file)).isEqualTo("r--r--r--");
  }

  @Test
  void sign_symlink_signsItsTargetAndKeepsTheLink() throws Exception {
    Files.createDirectory(dir.resolve("store"));
    Path target = loader("store/real.loader");
    Path link = Files.createSymbolicLink(dir.resolve("link.loader"), Path.of("store/real.loader"));
    Cli.Result r = sign(link);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("store/real.loader"));
    assertThat(signatures(target)).isEqualTo(1);
    assertThat(r.out()).contains("signed " + link);
  }

  @Test
  void sign_leavesOnlyTheLoaderAndItsLockFile() throws Exception {
    Path file = loader("a.loader");
    assertThat(sign(file).code()).isZero();
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.loader", ".a.loader.lock");
    }
  }

  @Test
  void sign_outputInMissingDirectory_namesTheDirectoryNotATemporaryFile() throws Exception {
    Path file = loader("a.loader");
    Path out = dir.resolve("missing/b.loader");
    List<String> args = new ArrayList<>(List.of("sign", file.toString(), "-o", out.toString(), "--key",
        TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(), "--cert",
        TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString()));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + out + ": cannot write: no such directory " + dir.resolve("missing")
        + "\n");
  }

  @Test
  void gen_newOutput_getsTheUsualModeNotAPrivateOne() throws Exception {
    Path file = loader("a.loader");
    Path out = dir.resolve("copy.bin");
    Cli.Result r = Cli.run("export", file.toString(), "--insns", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // 0666 less the umask, as any tool creates files (a temporary file's 0600 would be wrong)
    int umask = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Umask:"))
        .map(l -> Integer.parseInt(l.substring(6).trim(), 8)).findFirst().orElseThrow();
    int expected = 0666 & ~umask;
    StringBuilder rwx = new StringBuilder();
    for (int bit = 8; bit >= 0; bit--) {
      rwx.append((expected & (1 << bit)) != 0 ? "rwx".charAt((8 - bit) % 3) : '-');
    }
    assertThat(mode(out)).isEqualTo(rwx.toString());
  }

  @Test
  void export_secondOutputInMissingDirectory_writesNothing() throws Exception {
    Path file = loader("a.loader");
    Path ok = dir.resolve("ok.insns");
    Path bad = dir.resolve("missing-dir/d");
    Cli.Result r = Cli.run("export", file.toString(), "--insns", ok.toString(), "--data", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + bad + ": cannot write: no such directory " + dir.resolve("missing-dir")
        + "\n");
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("a.loader");
    }
  }
}
