package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.ProgInfo;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attaches what a light skeleton's {@code __attach} attaches (kernel-signing.md §2.1): tracing
 * and LSM programs through {@code BPF_RAW_TRACEPOINT_OPEN} with their BTF target, iterators
 * through {@code BPF_LINK_CREATE}, raw tracepoint programs through {@code BPF_RAW_TRACEPOINT_OPEN}
 * with the tracepoint name from their ELF section (which the loader's instructions do not contain:
 * the caller passes the names the loader file records). A raw tracepoint program without a name
 * and all other types are reported as not attached. Closing detaches.
 */
public final class Links implements AutoCloseable {
  /** {@code BPF_TRACE_ITER} in {@code enum bpf_attach_type}. */
  static final int TRACE_ITER = 28;

  /** One program's attachment: a link fd, or why there is none. */
  public record Attachment(LoadedObject program, int linkFd, int linkId, String how) {
    public boolean attached() {
      return linkFd > 0;
    }
  }

  private final List<Attachment> attachments;
  private boolean closed;

  private Links(List<Attachment> attachments) {
    this.attachments = List.copyOf(attachments);
  }

  public List<Attachment> attachments() {
    return attachments;
  }

  /** Attaches every program it can, raw tracepoint programs not at all. */
  public static Links attachAll(LoadedObjects objects) throws KernelRefusedException {
    return attachAll(objects, Map.of());
  }

  /**
   * Attaches every program it can; on a refusal detaches the ones done and throws.
   *
   * @param rawTracepoints the tracepoint of each raw tracepoint program, by program name
   */
  public static Links attachAll(LoadedObjects objects, Map<String, String> rawTracepoints)
      throws KernelRefusedException {
    List<Attachment> done = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      for (LoadedObject p : objects.programs()) {
        done.add(attach(bpf, p, rawTracepoints.get(p.name())));
      }
      return new Links(done);
    } catch (KernelRefusedException | RuntimeException e) {
      new Links(done).close();
      throw e;
    }
  }

  private static Attachment attach(Bpf bpf, LoadedObject p, String rawTracepoint) throws KernelRefusedException {
    ProgInfo info;
    try {
      info = bpf.progInfo(p.fd());
    } catch (SyscallException e) {
      throw new KernelRefusedException("attach program " + p.name() + ": read its type", e.errno(), "");
    }
    String type = TypeNames.program(info.type());
    switch (info.type()) {
      case TypeNames.PROG_TRACING, TypeNames.PROG_LSM -> {
        try {
          int fd = bpf.rawTracepointOpen(null, p.fd());
          return new Attachment(p, fd, id(bpf, fd), type + " via raw_tracepoint_open");
        } catch (SyscallException e) {
          if (info.type() != TypeNames.PROG_TRACING || e.errno() != Errno.EINVAL) {
            throw refused(p, type, e.errno());
          }
        }
        try { // a tracing program raw_tracepoint_open refuses is an iterator
          int fd = bpf.linkCreate(p.fd(), 0, TRACE_ITER);
          return new Attachment(p, fd, id(bpf, fd), type + " (iter) via link_create");
        } catch (SyscallException e) {
          throw refused(p, type, e.errno());
        }
      }
      case TypeNames.PROG_RAW_TRACEPOINT -> {
        if (rawTracepoint == null) {
          return new Attachment(p, 0, 0, "not attached: the loader records no tracepoint name for it");
        }
        try {
          int fd = bpf.rawTracepointOpen(rawTracepoint, p.fd());
          return new Attachment(p, fd, id(bpf, fd), type + " " + rawTracepoint + " via raw_tracepoint_open");
        } catch (SyscallException e) {
          throw refused(p, type + " (tracepoint " + rawTracepoint + ")", e.errno());
        }
      }
      default -> {
        return new Attachment(p, 0, 0, "not attached: a light skeleton does not auto-attach " + type + " programs");
      }
    }
  }

  private static int id(Bpf bpf, int linkFd) {
    try {
      return bpf.linkInfo(linkFd).id();
    } catch (SyscallException e) {
      return 0;
    }
  }

  private static KernelRefusedException refused(LoadedObject p, String type, int errno) {
    String cause = switch (errno) {
      case Errno.ENOENT, Errno.ESRCH -> "its attach target is missing from this kernel";
      case Errno.EPERM -> Explain.privileges();
      case Errno.EINVAL -> "the kernel does not accept this attachment (is BPF LSM enabled, for lsm programs?)";
      default -> "";
    };
    return new KernelRefusedException("attach " + type + " program " + p.name(), errno, cause);
  }

  /** Detaches: closes every link fd. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Attachment a : attachments.reversed()) {
      Sys.close(a.linkFd());
    }
  }
}
