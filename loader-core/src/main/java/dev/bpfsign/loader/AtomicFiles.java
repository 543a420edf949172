package dev.bpfsign.loader;

import dev.bpfsign.loader.io.FileTransaction;
import java.io.IOException;
import java.nio.file.Path;

/** Writes one file through a {@link FileTransaction}: a reader sees the old content or the whole new one. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] content) throws IOException {
    try (FileTransaction tx = new FileTransaction()) {
      tx.write(target, content);
      tx.commit();
    } catch (BadInputException e) {
      throw new IllegalStateException("a write without a check cannot fail a check", e);
    }
  }
}
