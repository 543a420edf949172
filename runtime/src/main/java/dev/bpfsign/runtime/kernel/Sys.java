package dev.bpfsign.runtime.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The raw system calls, through the JDK's FFM API: {@code syscall(SYS_bpf, …)}, {@code close},
 * {@code statfs}, {@code open}, {@code mmap}, add_key/keyctl, each with errno captured right after the call (a later JVM call could
 * overwrite the thread's errno). No other class calls native code.
 */
public final class Sys {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  /** {@code long syscall(long number, ...)} with three variadic longs. */
  private static final MethodHandle SYSCALL = LINKER.downcallHandle(
      LINKER.defaultLookup().find("syscall").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
      Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
  /** {@code long syscall(long number, ...)} with five variadic longs (add_key, keyctl). */
  private static final MethodHandle SYSCALL5 = LINKER.downcallHandle(
      LINKER.defaultLookup().find("syscall").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
      Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
  private static final MethodHandle OPEN = LINKER.downcallHandle(
      LINKER.defaultLookup().find("open").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
      Linker.Option.firstVariadicArg(2), CAPTURE_ERRNO);
  private static final MethodHandle MMAP = LINKER.downcallHandle(
      LINKER.defaultLookup().find("mmap").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
          ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
  private static final MethodHandle MUNMAP = LINKER.downcallHandle(
      LINKER.defaultLookup().find("munmap").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
  private static final MethodHandle GETPAGESIZE = LINKER.downcallHandle(
      LINKER.defaultLookup().find("getpagesize").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
  private static final MethodHandle CLOSE = LINKER.downcallHandle(
      LINKER.defaultLookup().find("close").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
  private static final MethodHandle STATFS = LINKER.downcallHandle(
      LINKER.defaultLookup().find("statfs").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
      CAPTURE_ERRNO);

  /** {@code sizeof(struct statfs)} on 64-bit Linux; {@code f_type} is its first long. */
  private static final int STATFS_SIZE = 120;

  /** SYS_bpf for the architectures Linux BPF loaders run on. */
  public static final long SYS_BPF = switch (System.getProperty("os.arch")) {
    case "amd64", "x86_64" -> 321;
    case "aarch64", "arm64" -> 280;
    case "riscv64", "loongarch64" -> 280;
    case "s390x" -> 351;
    case "ppc64le", "ppc64" -> 361;
    default -> -1;
  };

  /** add_key and keyctl for the architectures whose SYS_bpf we know (x86-64, then the generic table). */
  public static final long SYS_ADD_KEY = SYS_BPF == 321 ? 248 : SYS_BPF == 280 ? 217 : -1;
  public static final long SYS_KEYCTL = SYS_BPF == 321 ? 250 : SYS_BPF == 280 ? 219 : -1;

  public static final int O_RDONLY = 0;
  public static final int O_DIRECTORY = 0200000;
  public static final int O_CLOEXEC = 02000000;
  public static final int PROT_READ = 1;
  public static final int PROT_WRITE = 2;
  public static final int MAP_SHARED = 1;

  private Sys() {}

  /** A system call with up to five long arguments: the non-negative result, or errno. */
  public static long syscall(String name, long number, long a1, long a2, long a3, long a4, long a5)
      throws SyscallException {
    if (number < 0 || !supported()) {
      throw new SyscallException(name, Errno.ENOSYS);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      long r = (long) SYSCALL5.invokeExact(state, number, a1, a2, a3, a4, a5);
      if (r < 0) {
        throw new SyscallException(name, (int) ERRNO.get(state, 0L));
      }
      return r;
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to syscall(" + name + ") failed", t);
    }
  }

  /** The page size, which ring buffer mappings are laid out in. */
  public static int pageSize() {
    try {
      return (int) GETPAGESIZE.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to getpagesize failed", t);
    }
  }

  /** open(path, flags): a file descriptor the caller must {@link #close}. */
  public static int open(String path, int flags) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int r = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
      if (r < 0) {
        throw new SyscallException("open(" + path + ")", (int) ERRNO.get(state, 0L));
      }
      return r;
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to open failed", t);
    }
  }

  /** mmap(NULL, length, prot, MAP_SHARED, fd, offset): the mapping, sized; release with {@link #munmap}. */
  public static MemorySegment mmapShared(int fd, long length, int prot, long offset) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment r = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length, prot, MAP_SHARED, fd,
          offset);
      if (r.address() == -1L) {
        throw new SyscallException("mmap", (int) ERRNO.get(state, 0L));
      }
      return r.reinterpret(length);
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to mmap failed", t);
    }
  }

  public static void munmap(MemorySegment mapping) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int r = (int) MUNMAP.invokeExact(state, mapping, mapping.byteSize());
      if (r < 0) {
        throw new IllegalStateException("munmap failed: errno " + (int) ERRNO.get(state, 0L));
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to munmap failed", t);
    }
  }

  /** Whether this JVM runs on Linux on an architecture whose SYS_bpf number we know. */
  public static boolean supported() {
    return SYS_BPF > 0 && System.getProperty("os.name", "").equals("Linux");
  }

  /** bpf(cmd, attr, size): the non-negative result, or {@link SyscallException} with errno. */
  public static long bpf(int cmd, MemorySegment attr, int size) throws SyscallException {
    if (!supported()) {
      throw new SyscallException(BpfCommand.name(cmd), Errno.ENOSYS);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      long r = (long) SYSCALL.invokeExact(state, SYS_BPF, (long) cmd, attr.address(), (long) size);
      if (r < 0) {
        throw new SyscallException(BpfCommand.name(cmd), (int) ERRNO.get(state, 0L));
      }
      return r;
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to syscall(SYS_bpf) failed", t);
    }
  }

  /** close(fd); errors other than EBADF are ignored, as every close-on-cleanup does. */
  public static void close(int fd) {
    if (fd <= 0) {
      return;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int r = (int) CLOSE.invokeExact(state, fd);
      if (r < 0 && (int) ERRNO.get(state, 0L) == Errno.EBADF) {
        throw new IllegalStateException("closed fd " + fd + " that was not open: a bookkeeping bug");
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to close failed", t);
    }
  }

  /** The {@code f_type} magic of the file system holding {@code path}. */
  public static long statfsType(String path) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment buf = arena.allocate(STATFS_SIZE, 8);
      int r = (int) STATFS.invokeExact(state, arena.allocateFrom(path), buf);
      if (r < 0) {
        throw new SyscallException("statfs(" + path + ")", (int) ERRNO.get(state, 0L));
      }
      return buf.get(ValueLayout.JAVA_LONG, 0);
    } catch (SyscallException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("FFM call to statfs failed", t);
    }
  }
}
