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
 * {@code statfs}, each with errno captured right after the call (a later JVM call could
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

  private Sys() {}

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
