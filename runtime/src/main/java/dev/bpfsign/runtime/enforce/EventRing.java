package dev.bpfsign.runtime.enforce;

import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy's events from its {@code BPF_MAP_TYPE_RINGBUF} map by mapping it, as
 * libbpf's ring_buffer does: the consumer position page (read-write) at offset 0, then the
 * producer position page and the data area (mapped twice in a row, so a record never wraps)
 * read-only at one page. A record is an 8-byte header (length with BUSY and DISCARD bits, page
 * offset) and the sample, padded to 8 bytes.
 */
public final class EventRing implements AutoCloseable {
  private static final int BUSY = 1 << 31;
  private static final int DISCARD = 1 << 30;
  private static final int HEADER = 8;
  private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

  private final MemorySegment consumer;
  private final MemorySegment producer;
  private final long size;
  private final int page;

  private EventRing(MemorySegment consumer, MemorySegment producer, long size, int page) {
    this.consumer = consumer;
    this.producer = producer;
    this.size = size;
    this.page = page;
  }

  /** Maps the ring buffer map {@code fd} of {@code size} data bytes; the fd may be closed afterwards. */
  public static EventRing open(int fd, long size) throws SyscallException {
    int page = Sys.pageSize();
    MemorySegment consumer = Sys.mmapShared(fd, page, Sys.PROT_READ | Sys.PROT_WRITE, 0);
    try {
      MemorySegment producer = Sys.mmapShared(fd, page + 2 * size, Sys.PROT_READ, page);
      return new EventRing(consumer, producer, size, page);
    } catch (SyscallException e) {
      Sys.munmap(consumer);
      throw e;
    }
  }

  /** Every complete event published since the last call, oldest first; consumes them. */
  public List<EnforceEvent> drain() {
    List<EnforceEvent> out = new ArrayList<>();
    long cons = (long) LONG.getAcquire(consumer, 0L);
    long prod = (long) LONG.getAcquire(producer, 0L);
    while (cons < prod) {
      long at = page + (cons & (size - 1));
      int len = (int) INT.getAcquire(producer, at);
      if ((len & BUSY) != 0) {
        break; // still being written
      }
      int sample = len & ~(BUSY | DISCARD);
      if ((len & DISCARD) == 0 && sample >= EnforceEvent.SIZE) {
        out.add(EnforceEvent.decode(producer.asSlice(at + HEADER, EnforceEvent.SIZE).toArray(ValueLayout.JAVA_BYTE)));
      }
      cons += (sample + HEADER + 7) & ~7L;
      LONG.setRelease(consumer, 0L, cons);
    }
    return out;
  }

  @Override
  public void close() {
    Sys.munmap(producer);
    Sys.munmap(consumer);
  }
}
