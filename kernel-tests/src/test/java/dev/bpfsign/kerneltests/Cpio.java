package dev.bpfsign.kerneltests;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a "newc" cpio archive (the format the kernel unpacks as an initramfs) straight to a
 * file, so a 100 MB guest image never sits in memory. Parent directories are added on demand;
 * owners and timestamps are zero.
 */
final class Cpio implements AutoCloseable {
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR = 0100000;
  private static final int SYMLINK = 0120000;
  private static final int CHAR_DEVICE = 0020000;

  private final OutputStream out;
  private final Set<String> dirs = new HashSet<>();
  private long written;
  private int inode = 1;

  Cpio(Path file) throws IOException {
    out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
  }

  Cpio directory(String name) throws IOException {
    String n = strip(name);
    if (n.isEmpty() || !dirs.add(n)) {
      return this;
    }
    parents(n);
    header(n, DIRECTORY | 0755, 2, 0, 0, 0);
    return this;
  }

  Cpio file(String name, byte[] content, boolean executable) throws IOException {
    String n = strip(name);
    parents(n);
    header(n, REGULAR | (executable ? 0755 : 0644), 1, content.length, 0, 0);
    write(content, content.length);
    pad();
    return this;
  }

  /** A file from the host, its content copied (symlinks followed), executable bit kept. */
  Cpio copy(String name, Path source) throws IOException {
    String n = strip(name);
    parents(n);
    long size = Files.size(source);
    header(n, REGULAR | (Files.isExecutable(source) ? 0755 : 0644), 1, size, 0, 0);
    try (InputStream in = Files.newInputStream(source)) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        write(buf, r);
      }
    }
    pad();
    return this;
  }

  Cpio symlink(String name, String target) throws IOException {
    String n = strip(name);
    parents(n);
    byte[] t = target.getBytes(StandardCharsets.UTF_8);
    header(n, SYMLINK | 0777, 1, t.length, 0, 0);
    write(t, t.length);
    pad();
    return this;
  }

  Cpio charDevice(String name, int major, int minor) throws IOException {
    String n = strip(name);
    parents(n);
    header(n, CHAR_DEVICE | 0600, 1, 0, major, minor);
    return this;
  }

  @Override
  public void close() throws IOException {
    header("TRAILER!!!", 0, 1, 0, 0, 0);
    out.close();
  }

  private void parents(String name) throws IOException {
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      directory(name.substring(0, slash));
    }
  }

  private static String strip(String name) {
    String n = name;
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n;
  }

  private void header(String name, int mode, int links, long size, int rdevMajor, int rdevMinor) throws IOException {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("070701");
    long[] fields = {
      name.equals("TRAILER!!!") ? 0 : inode++, mode, 0, 0, links, 0, size, 0, 0, rdevMajor, rdevMinor,
      nameBytes.length, 0,
    };
    for (long f : fields) {
      h.append(String.format("%08x", f));
    }
    byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
    write(hb, hb.length);
    write(nameBytes, nameBytes.length);
    pad();
  }

  private void write(byte[] b, int n) throws IOException {
    out.write(b, 0, n);
    written += n;
  }

  private void pad() throws IOException {
    while (written % 4 != 0) {
      out.write(0);
      written++;
    }
  }
}
