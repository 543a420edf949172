package dev.bpfsign.loader.emu;

/**
 * One way a loader departs from the shape gen_loader emits.
 *
 * @param code stable identifier (see {@link LoaderShape}); add codes, never rename
 * @param insn slot index the problem is at, or -1 when it concerns the whole loader
 * @param message one line for a person
 */
public record ShapeProblem(String code, int insn, String message) {}
