package dev.bpfsign.loader.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransactionTest {
  @TempDir Path dir;

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void failureAfterOneOutputWasPrepared_replacesNothingAndLeavesNoTemporaryFile() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "old a");
    Path b = Files.writeString(dir.resolve("b"), "old b");
    assertThatThrownBy(() -> {
      try (FileTransaction tx = new FileTransaction()) {
        tx.write(a, "new a".getBytes(StandardCharsets.US_ASCII));
        tx.update(b, 100, current -> {
          throw new BadInputException("b: refused");
        }, FileTransaction.Check.NONE);
        tx.commit();
      }
    }).isInstanceOf(BadInputException.class).hasMessage("b: refused");
    assertThat(Files.readString(a)).isEqualTo("old a");
    assertThat(Files.readString(b)).isEqualTo("old b");
    assertThat(names()).containsExactly(".b.lock", "a", "b");
  }

  @Test
  void failedCheck_leavesTheTargetAsItWas() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "old");
    assertThatThrownBy(() -> {
      try (FileTransaction tx = new FileTransaction()) {
        tx.write(a, "new".getBytes(StandardCharsets.US_ASCII), written -> {
          throw new BadInputException("a (as written): wrong");
        });
        tx.commit();
      }
    }).hasMessage("a (as written): wrong");
    assertThat(Files.readString(a)).isEqualTo("old");
    assertThat(names()).containsExactly("a");
  }

  @Test
  void update_editsWhatIsOnDiskThenAndCanLeaveItUnchanged() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "1");
    for (int i = 0; i < 3; i++) {
      try (FileTransaction tx = new FileTransaction()) {
        tx.update(a, 100, current -> (new String(current, StandardCharsets.US_ASCII) + "+").getBytes(
            StandardCharsets.US_ASCII), FileTransaction.Check.NONE);
        tx.commit();
      }
    }
    assertThat(Files.readString(a)).isEqualTo("1+++");
    try (FileTransaction tx = new FileTransaction()) {
      assertThat(tx.update(a, 100, current -> null, FileTransaction.Check.NONE)).isFalse();
      tx.commit();
    }
    assertThat(Files.readString(a)).isEqualTo("1+++");
  }

  @Test
  void update_missingFile_namesIt() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> {
      try (FileTransaction tx = new FileTransaction()) {
        tx.update(missing, 100, current -> current, FileTransaction.Check.NONE);
      }
    }).isInstanceOf(NoSuchFileException.class).hasMessage(missing.toString());
  }

  @Test
  void sameTargetTwice_throughALink_isRefused() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("a"));
    assertThatThrownBy(() -> {
      try (FileTransaction tx = new FileTransaction()) {
        tx.write(a, new byte[] {1});
        tx.write(link, new byte[] {2});
      }
    }).isInstanceOf(FileSystemException.class)
        .hasMessage(link + ": is the same file as another output of this command");
    assertThat(Files.readString(a)).isEqualTo("old");
  }

  @Test
  void write_intoDirectoryThatIsAFile_namesTheUsersPath() throws Exception {
    Files.writeString(dir.resolve("file"), "x");
    Path out = dir.resolve("file/out");
    assertThatThrownBy(() -> {
      try (FileTransaction tx = new FileTransaction()) {
        tx.write(out, new byte[] {1});
      }
    }).hasMessage(out + ": cannot write: " + dir.resolve("file") + " is not a directory");
  }
}
