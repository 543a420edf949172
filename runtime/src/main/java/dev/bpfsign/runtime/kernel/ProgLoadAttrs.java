package dev.bpfsign.runtime.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The {@code BPF_PROG_LOAD} fields bpfsign sets. Segments must stay alive for the call;
 * {@link MemorySegment#NULL} for an absent pointer. {@code fdArrayCnt} > 0 makes the kernel
 * resolve (and, for a signed Linux 7.3 load, fold into the signed bytes) the first entries of
 * {@code fdArray} up front.
 */
public record ProgLoadAttrs(
    int progType,
    int progFlags,
    String name,
    String license,
    MemorySegment insns,
    MemorySegment fdArray,
    MemorySegment signature,
    int keyringId,
    MemorySegment logBuf,
    int logLevel,
    int fdArrayCnt) {
  /** Without {@code fd_array_cnt} (the kernel resolves fd_array entries lazily). */
  public ProgLoadAttrs(int progType, int progFlags, String name, String license, MemorySegment insns,
      MemorySegment fdArray, MemorySegment signature, int keyringId, MemorySegment logBuf, int logLevel) {
    this(progType, progFlags, name, license, insns, fdArray, signature, keyringId, logBuf, logLevel, 0);
  }

  public ProgLoadAttrs {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(insns, "insns");
    Objects.requireNonNull(fdArray, "fdArray");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(logBuf, "logBuf");
    if (insns.byteSize() % 8 != 0) {
      throw new IllegalArgumentException("instructions are not whole 8-byte slots");
    }
  }
}
