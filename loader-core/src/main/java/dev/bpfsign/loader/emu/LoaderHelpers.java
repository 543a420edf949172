package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.insn.Helpers;
import java.util.ArrayList;
import java.util.List;

/**
 * The helpers a loader program calls (kernel-signing.md §1.8), with their kernel semantics;
 * kernel state is the {@link SimulatedKernel}'s, and every call that reaches it is traced. Any
 * other helper id stops emulation: gen_loader never emits one.
 */
final class LoaderHelpers {
  /** Longest name btf_find_by_name_kind / kallsyms_lookup_name will read (KSYM_NAME_LEN is 512). */
  static final int MAX_NAME = 512;

  private final Memory memory;
  private final SimulatedKernel kernel;
  private final long[] regs;
  private final List<TraceEvent> trace = new ArrayList<>();

  LoaderHelpers(Memory memory, SimulatedKernel kernel, long[] regs) {
    this.memory = memory;
    this.kernel = kernel;
    this.regs = regs;
  }

  List<TraceEvent> trace() {
    return trace;
  }

  /** Calls helper {@code id} with r1..r5; returns r0. R1–R5 are clobbered, as after a real call. */
  long call(int insn, int id) throws BadInputException {
    long r1 = regs[1];
    long r2 = regs[2];
    long r3 = regs[3];
    long r4 = regs[4];
    long result = switch (id) {
      case Helpers.PROBE_READ_KERNEL -> probeRead(r1, r2, r3);
      case Helpers.COPY_FROM_USER -> probeRead(r1, r2, r3);
      case Helpers.SYS_BPF -> {
        SimulatedKernel.Outcome outcome = kernel.sysBpf((int) r1, r2, (int) r3 == r3 ? r3 : -1, memory);
        trace.add(new TraceEvent(insn, outcome.call(), outcome.result()));
        yield outcome.result();
      }
      case Helpers.SYS_CLOSE -> {
        long r = kernel.close((int) r1);
        trace.add(new TraceEvent(insn, new KernelCall.Close((int) r1), r));
        yield r;
      }
      case Helpers.BTF_FIND_BY_NAME_KIND -> {
        String name = name(r1, r2);
        long r = kernel.btfFindByNameKind(name, (int) r3, (int) r4);
        trace.add(new TraceEvent(insn, new KernelCall.BtfFindByNameKind(name, (int) r3, (int) r4), r));
        yield r;
      }
      case Helpers.KALLSYMS_LOOKUP_NAME -> {
        String name = name(r1, r2);
        long r;
        if (r3 != 0) {
          r = -Errno.EINVAL;
        } else {
          long address = kernel.kallsymsLookupName(name);
          memory.store(r4, 8, address); // the kernel writes *res even when it is 0
          r = address != 0 ? 0 : -Errno.ENOENT;
        }
        trace.add(new TraceEvent(insn, new KernelCall.KallsymsLookupName(name, (int) r3), r));
        yield r;
      }
      case Helpers.TRACE_PRINTK -> {
        String format = memory.readCString(r1, (int) Math.min(Math.max(r2, 1), MAX_NAME));
        trace.add(new TraceEvent(insn, new KernelCall.TracePrintk(format), 0));
        yield 0;
      }
      default -> {
        String name = Helpers.name(id);
        throw new BadInputException("helper " + (name == null ? "#" + id : name + "#" + id) + " is not one a loader uses");
      }
    };
    for (int r = 1; r <= 5; r++) {
      regs[r] = 0;
    }
    return result;
  }

  /**
   * probe_read_kernel / copy_from_user into loader memory. A source outside the emulated
   * regions (NULL — the prologue's stack zeroing — or any address we do not model) reads as a
   * fault: the destination is zero-filled and -EFAULT returned, as the kernel does.
   */
  private long probeRead(long dst, long size, long src) throws BadInputException {
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new BadInputException("probe read of " + size + " bytes");
    }
    if (size == 0) {
      return 0;
    }
    if (src != 0 && memory.isValid(src, size)) {
      memory.write(dst, memory.read(src, size));
      return 0;
    }
    memory.fill(dst, size, (byte) 0);
    return -Errno.EFAULT;
  }

  /** A name argument: {@code size} bytes including the terminating NUL. */
  private String name(long ptr, long size) throws BadInputException {
    if (size <= 0 || size > MAX_NAME) {
      throw new BadInputException("name size " + size + " out of range");
    }
    byte[] bytes = memory.read(ptr, size);
    if (bytes[bytes.length - 1] != 0) {
      throw new BadInputException("name at " + Memory.describe(ptr) + " is not NUL-terminated");
    }
    int len = 0;
    while (bytes[len] != 0) {
      len++;
    }
    return new String(bytes, 0, len, java.nio.charset.StandardCharsets.UTF_8);
  }
}
