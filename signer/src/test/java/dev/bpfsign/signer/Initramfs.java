package dev.bpfsign.signer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds a "newc" cpio archive, the format the kernel unpacks as an initramfs. Entries appear in
 * the order added (parents first); timestamps and owners are zero, so the archive is a pure
 * function of its entries.
 */
final class Initramfs {
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR = 0100000;
  private static final int CHAR_DEVICE = 0020000;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int inode = 1;

  Initramfs directory(String name) {
    return entry(name, DIRECTORY | 0755, 2, 0, 0, new byte[0]);
  }

  Initramfs file(String name, byte[] content, boolean executable) {
    return entry(name, REGULAR | (executable ? 0755 : 0644), 1, 0, 0, content);
  }

  Initramfs charDevice(String name, int major, int minor) {
    return entry(name, CHAR_DEVICE | 0600, 1, major, minor, new byte[0]);
  }

  byte[] finish() {
    entry("TRAILER!!!", 0, 1, 0, 0, new byte[0]);
    return out.toByteArray();
  }

  private Initramfs entry(String name, int mode, int links, int rdevMajor, int rdevMinor, byte[] content) {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
    StringBuilder header = new StringBuilder("070701");
    int[] fields = {
      name.equals("TRAILER!!!") ? 0 : inode++, mode, 0, 0, links, 0, content.length, 0, 0, rdevMajor, rdevMinor,
      nameBytes.length, 0,
    };
    for (int field : fields) {
      header.append(String.format("%08x", field));
    }
    out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(nameBytes);
    pad();
    out.writeBytes(content);
    pad();
    return this;
  }

  private void pad() {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
  }
}
