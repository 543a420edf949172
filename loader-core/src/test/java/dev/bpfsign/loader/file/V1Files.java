package dev.bpfsign.loader.file;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the version-1 layout (docs/format.md, "Version 1") so tests can check that old files
 * still read; bpfsign itself only writes version 2.
 */
final class V1Files {
  private V1Files() {}

  static byte[] write(LoaderFile loader) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    name(content, loader.name());
    u32(content, loader.insns().length());
    content.writeBytes(loader.insns().toArray());
    u32(content, loader.data().length());
    content.writeBytes(loader.data().toArray());
    u16(content, loader.ctx().maps().size());
    loader.ctx().maps().forEach(n -> name(content, n));
    u16(content, loader.ctx().programs().size());
    loader.ctx().programs().forEach(n -> name(content, n));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(LoaderFileFormat.MAGIC);
    u16(out, 1);
    out.write(loader.mode() == Mode.SIGNABLE ? 1 : 0);
    out.write(loader.order() == ByteOrder.BIG_ENDIAN ? 1 : 0);
    u32(out, content.size());
    out.writeBytes(content.toByteArray());
    // version-1 signature blocks are laid out as version 2's
    loader.signatures().forEach(b -> out.writeBytes(LoaderFileFormat.signatureBlock(b)));
    return out.toByteArray();
  }

  private static void name(ByteArrayOutputStream out, String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    out.write(b.length);
    out.writeBytes(b);
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write(v >>> 8);
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }
}
