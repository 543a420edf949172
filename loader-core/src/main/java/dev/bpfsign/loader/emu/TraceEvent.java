package dev.bpfsign.loader.emu;

/**
 * One kernel call made during emulation.
 *
 * @param insn slot index of the {@code call} instruction
 * @param result what the call returned to the loader (fd, 0, {@code obj_fd << 32 | id}, or -errno)
 */
public record TraceEvent(int insn, KernelCall call, long result) {}
