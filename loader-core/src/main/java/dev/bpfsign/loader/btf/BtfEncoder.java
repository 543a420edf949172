package dev.bpfsign.loader.btf;

import java.nio.ByteBuffer;

/**
 * Encodes BTF the way libbpf's {@code btf__raw_data} returns it. An unmodified, native-order BTF
 * is libbpf's own copy of the section with in-place edits: the original bytes (header, gaps and
 * all) with the type words written back. Once types or strings were appended, or for big-endian
 * data (libbpf runs on little-endian hosts and re-serialises non-native BTF), it is laid out
 * afresh: header ({@code hdr_len} bytes), types, layout, strings, with no gaps.
 */
final class BtfEncoder {
  private BtfEncoder() {}

  static byte[] encode(Btf btf) {
    BtfHeader h = btf.header;
    if (!btf.modified && btf.order == java.nio.ByteOrder.LITTLE_ENDIAN) {
      byte[] out = btf.original.clone();
      ByteBuffer.wrap(out, h.hdrLen() + h.typeOff(), h.typeLen())
          .order(btf.order)
          .asIntBuffer()
          .put(btf.words);
      return out;
    }
    int size = h.hdrLen() + h.typeLen() + btf.layout.length + btf.strLen;
    byte[] out = new byte[size];
    ByteBuffer buf = ByteBuffer.wrap(out).order(btf.order);
    buf.putShort(0, (short) BtfHeader.MAGIC);
    out[2] = (byte) h.version();
    out[3] = (byte) h.flags();
    buf.putInt(4, h.hdrLen());
    buf.putInt(8, h.typeOff());
    buf.putInt(12, h.typeLen());
    buf.putInt(16, h.strOff());
    buf.putInt(20, h.strLen());
    if (h.hdrLen() >= BtfHeader.FULL_LEN) {
      buf.putInt(24, h.layoutOff());
      buf.putInt(28, h.layoutLen());
    }
    int at = h.hdrLen();
    ByteBuffer.wrap(out, at, h.typeLen()).order(btf.order).asIntBuffer().put(btf.words, 0, h.typeLen() / 4);
    at += h.typeLen();
    System.arraycopy(btf.layout, 0, out, at, btf.layout.length);
    // layout bytes are kept in the section's own byte order, so they copy as they are
    at += btf.layout.length;
    System.arraycopy(btf.strings, 0, out, at, btf.strLen);
    return out;
  }
}
