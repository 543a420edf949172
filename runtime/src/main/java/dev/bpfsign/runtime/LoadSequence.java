package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.emu.EmbeddedHash;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.ProgLoadAttrs;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The light-skeleton load sequence ({@code bpf_load_and_run}) for one loader variant. Linux 6.18
 * (kernel-signing.md §2.3): loader map (exclusive to the loader's digest when signable), blob,
 * freeze, map hash (the loader's metadata check reads it), loader program, run, fds read back
 * from the ctx. Linux 7.3 (§3.7): the same without the map hash step (the 7.3 loader has no
 * metadata check; the kernel reads the frozen exclusive map's value itself), and a signed load
 * passes {@code fd_array_cnt = 1} so the kernel folds the map's value into the signed bytes. The
 * loader map and program are always closed; on any failure so is everything the run created.
 */
final class LoadSequence {
  static final String LOADER_MAP_NAME = "__loader.map";
  static final String LOADER_PROG_NAME = "__loader.prog";
  static final String LOADER_LICENSE = "Dual BSD/GPL";

  private LoadSequence() {}

  /**
   * Loads {@code loader}. Package-private: the public entry point is {@link BpfRuntime}, which
   * takes only admitted loaders.
   *
   * @param kernelVerifies whether to hand the kernel the 6.18 signature to check
   */
  static LoadedObjects run(LoaderFile loader, LoadOptions options, boolean kernelVerifies)
      throws KernelRefusedException, BadInputException {
    try {
      return attempt(loader, options, kernelVerifies, 0);
    } catch (LoaderFailed first) {
      if (first.refusal.getMessage().contains("data tampered")) {
        throw first.refusal;
      }
      // the loader already closed what it made; run it once more with the kernel's log on, to
      // name what the kernel refused (the loader passes ctx.log_* to every nested load)
      try (LoadedObjects unexpected = attempt(loader, options, kernelVerifies, LOG_SIZE)) {
        throw first.refusal;
      } catch (LoaderFailed second) {
        throw second.refusal;
      }
    }
  }

  /** The verifier log a failed loader's nested load leaves; large enough for its last lines. */
  static final int LOG_SIZE = 1 << 20;

  /** Internal: the loader program returned an error (the refusal says which, with the log if any). */
  private static final class LoaderFailed extends Exception {
    final KernelRefusedException refusal;

    LoaderFailed(KernelRefusedException refusal) {
      super(refusal.getMessage(), refusal, false, false);
      this.refusal = refusal;
    }
  }

  private static LoadedObjects attempt(LoaderFile loader, LoadOptions options, boolean kernelVerifies, int logSize)
      throws KernelRefusedException, BadInputException, LoaderFailed {
    long start = System.nanoTime();
    if (loader.order() != ByteOrder.nativeOrder()) {
      throw new BadInputException("loader " + loader.name() + " was generated for " + loader.order()
          + " byte order; this host is " + ByteOrder.nativeOrder());
    }
    Optional<SignatureBlock> signature = kernelVerifies
        ? loader.signatures().stream().filter(s -> s.scheme() == loader.scheme()).findFirst()
        : Optional.empty();
    boolean folded = loader.scheme() == Scheme.LINUX_7_3;
    boolean signable = loader.mode() == Mode.SIGNABLE;
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      int mapFd = 0;
      int progFd = 0;
      try {
        MemorySegment blob = copy(arena, loader.data());
        MemorySegment insns = copy(arena, loader.insns());
        MemorySegment exclHash = signable ? copy(arena, loader.insns().sha256()) : MemorySegment.NULL;
        mapFd = step(LoadStep.CREATE_LOADER_MAP, () -> bpf.mapCreate(Bpf.MAP_TYPE_ARRAY, 4,
            (int) blob.byteSize(), 1, 0, LOADER_MAP_NAME, exclHash));
        MemorySegment key = arena.allocate(ValueLayout.JAVA_INT); // key 0
        int fd = mapFd;
        step(LoadStep.WRITE_BLOB, () -> { bpf.mapUpdate(fd, key, blob, 0); return 0; });
        step(LoadStep.FREEZE_LOADER_MAP, () -> { bpf.mapFreeze(fd); return 0; });
        if (!folded) {
          step(LoadStep.HASH_LOADER_MAP, () -> { bpf.mapHash(fd); return 0; });
        }
        MemorySegment fdArray = arena.allocateFrom(ValueLayout.JAVA_INT, mapFd);
        MemorySegment sig = signature.map(s -> copy(arena, s.cms())).orElse(MemorySegment.NULL);
        ProgLoadAttrs attrs = new ProgLoadAttrs(Bpf.PROG_TYPE_SYSCALL, Bpf.F_SLEEPABLE, LOADER_PROG_NAME,
            LOADER_LICENSE, insns, fdArray, sig, (int) options.keyring().id(), MemorySegment.NULL, 0,
            folded && signature.isPresent() ? 1 : 0);
        progFd = step(LoadStep.LOAD_LOADER, () -> bpf.progLoad(attrs));
        MemorySegment ctx = arena.allocate(loader.ctx().size(), 8);
        ctx.set(ValueLayout.JAVA_INT, 0, loader.ctx().size());
        MemorySegment log = logSize > 0 ? arena.allocate(logSize) : MemorySegment.NULL;
        if (logSize > 0) {
          ctx.set(ValueLayout.JAVA_INT, CTX_LOG_LEVEL, 1);
          ctx.set(ValueLayout.JAVA_INT, CTX_LOG_SIZE, logSize);
          ctx.set(ValueLayout.JAVA_LONG, CTX_LOG_BUF, log.address());
        }
        int pfd = progFd;
        int retval;
        try {
          retval = bpf.progRun(pfd, ctx);
        } catch (SyscallException e) {
          if (e.errno() == Errno.EINVAL) {
            throw new BadInputException("loader " + loader.name() + ": its ctx layout (" + loader.ctx().maps().size()
                + " maps, " + loader.ctx().programs().size() + " programs, " + loader.ctx().size()
                + " bytes) is smaller than the ctx its instructions use; the kernel refused to run it (EINVAL)");
          }
          throw refusal(LoadStep.RUN_LOADER, e.errno());
        }
        if (retval < 0) {
          throw new LoaderFailed(loaderFailed(loader, -retval, logSize > 0 ? lastLines(log) : ""));
        }
        List<LoadedObject> maps = new ArrayList<>();
        List<LoadedObject> progs = new ArrayList<>();
        readBack(loader, ctx, maps, progs);
        bpf.close(progFd);
        progFd = 0;
        bpf.close(mapFd);
        mapFd = 0;
        Gate gate = signature.isPresent() ? Gate.KERNEL_SIGNATURE : Gate.USERSPACE_VERDICT;
        return new LoadedObjects(maps, progs, gate, System.nanoTime() - start, bpf.kernelNanos());
      } finally {
        bpf.close(progFd); // on failure; 0 (nothing) after success
        bpf.close(mapFd);
      }
    }
  }

  /** Reads every fd the loader wrote into the ctx; closes them all if one is missing. */
  private static void readBack(LoaderFile loader, MemorySegment ctx, List<LoadedObject> maps, List<LoadedObject> progs)
      throws BadInputException {
    CtxLayout layout = loader.ctx();
    List<Integer> fds = new ArrayList<>();
    for (int i = 0; i < layout.maps().size(); i++) {
      fds.add(ctx.get(ValueLayout.JAVA_INT, layout.mapFdOffset(i)));
    }
    for (int i = 0; i < layout.programs().size(); i++) {
      fds.add(ctx.get(ValueLayout.JAVA_INT, layout.progFdOffset(i)));
    }
    Set<Integer> seen = new HashSet<>();
    int bad = -1;
    for (int i = 0; i < fds.size(); i++) {
      if (fds.get(i) <= 0 || !seen.add(fds.get(i))) {
        bad = i;
        break;
      }
    }
    if (bad >= 0) {
      for (int fd : seen) {
        Sys.close(fd);
      }
      boolean isMap = bad < layout.maps().size();
      String name = isMap ? layout.maps().get(bad) : layout.programs().get(bad - layout.maps().size());
      throw new BadInputException("loader " + loader.name() + ": its ctx layout names " + (isMap ? "map " : "program ")
          + name + " but the loader left no fd for it (the ctx layout does not fit the program)");
    }
    for (int i = 0; i < layout.maps().size(); i++) {
      maps.add(new LoadedObject(LoadedObject.Kind.MAP, layout.maps().get(i), fds.get(i)));
    }
    for (int i = 0; i < layout.programs().size(); i++) {
      progs.add(new LoadedObject(LoadedObject.Kind.PROGRAM, layout.programs().get(i), fds.get(layout.maps().size() + i)));
    }
  }

  private static final int CTX_LOG_LEVEL = 8;
  private static final int CTX_LOG_SIZE = 12;
  private static final int CTX_LOG_BUF = 16;

  /**
   * The last meaningful line of a verifier log (its verdict), or empty. A log that is the dump
   * of the loader's BTF upload (it starts with the BTF header) says nothing about the refusal:
   * the failing command wrote no log of its own.
   */
  private static String lastLines(MemorySegment log) {
    String text = log.getString(0).strip();
    if (text.startsWith("magic: 0xeb9f")) {
      return "";
    }
    String[] lines = text.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")
          && !l.startsWith("stack depth")) {
        return l;
      }
    }
    return "";
  }

  /** Whether the instructions check the very blob that was loaded (kernel-signing.md §3.6). */
  private static boolean embedsDataHash(LoaderFile loader) {
    try {
      return EmbeddedHash.find(loader).map(h -> h.equals(loader.data().sha256())).orElse(false);
    } catch (BadInputException e) {
      return false;
    }
  }

  private static KernelRefusedException loaderFailed(LoaderFile loader, int errno, String kernelLog) {
    String cause;
    if (errno == Errno.EINVAL && loader.mode() == Mode.SIGNABLE
        && !embedsDataHash(loader)) {
      cause = "data tampered: the data blob's SHA-256 is not the one the signed instructions check";
    } else {
      cause = Explain.loaderErrno(errno);
    }
    if (!kernelLog.isEmpty()) {
      cause = (cause.isEmpty() ? "" : cause + "; ") + "kernel log: " + kernelLog;
    }
    return new KernelRefusedException("loader " + loader.name() + ": " + LoadStep.LOADER_RESULT.description(), errno, cause);
  }

  static KernelRefusedException refusal(LoadStep step, int errno) {
    return new KernelRefusedException(step.description(), errno, Explain.stepErrno(step, errno));
  }

  private interface Call {
    int run() throws SyscallException;
  }

  private static int step(LoadStep step, Call call) throws KernelRefusedException {
    try {
      return call.run();
    } catch (SyscallException e) {
      throw refusal(step, e.errno());
    }
  }

  private static MemorySegment copy(Arena arena, Bytes bytes) {
    MemorySegment s = arena.allocate(Math.max(1, bytes.length()), 8);
    MemorySegment.copy(bytes.toArray(), 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length());
    return bytes.length() == 0 ? s.asSlice(0, 0) : s;
  }
}
