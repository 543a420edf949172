package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.SignatureBlock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a freshly signed loader so that the target only ever holds the old file or a new one
 * whose new signature has been verified from disk: temporary file next to the target, synced,
 * read back, parsed and checked, then renamed over the target.
 */
public final class SignedLoaderFiles {
  private SignedLoaderFiles() {}

  /** Writes {@code signed}, whose last signature block is the new one by {@code cert}. */
  public static void write(Path target, LoaderFile signed, X509Certificate cert) throws IOException, BadInputException {
    write(target, LoaderBundle.of(signed), List.of(signed.signatures().getLast()), cert);
  }

  /** Writes {@code signed}, in which {@code added} are the new blocks by {@code cert}, each checked as read back. */
  public static void write(Path target, LoaderBundle signed, List<SignatureBlock> added, X509Certificate cert)
      throws IOException, BadInputException {
    byte[] bytes = LoaderFileFormat.write(signed);
    Path absolute = target.toAbsolutePath();
    Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      byte[] readBack = Files.readAllBytes(tmp);
      if (!Arrays.equals(readBack, bytes)) {
        throw new IOException(tmp + ": the bytes read back differ from those written");
      }
      LoaderBundle onDisk = LoaderFileFormat.readBundle(readBack, tmp.toString());
      for (SignatureBlock block : added) {
        LoaderFile variant = onDisk.variant(block.scheme())
            .filter(v -> v.signatures().contains(block))
            .orElseThrow(() -> new IOException(tmp + ": a new " + block.scheme().label() + " signature is missing as read back"));
        KernelCmsVerifier.verify(block.cms().toArray(), variant.signedPayload().toArray(), cert,
            target + " (" + variant.scheme().label() + " variant, as written)");
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
