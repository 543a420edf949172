package dev.bpfsign.loader.file;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.target.LoaderTarget;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One variant of a loader as bpfsign stores it ({@code loader.bin}, see docs/format.md): the
 * loader instructions and data blob exactly as the kernel receives them, the kernel generation
 * (scheme) they were generated for, the ctx layout, and zero or more signatures over them.
 * Signatures live outside the signed content, so adding one never changes the bytes another
 * signed. A file may hold several variants of one object: see {@link LoaderBundle}.
 *
 * @param name the object name (the skeleton's struct name)
 * @param scheme the kernel generation the instructions were generated for (a 6.18 signable
 *     loader carries the metadata check, a 7.3 one does not; plain loaders are the same)
 * @param order byte order of the target the instructions and blob were generated for
 * @param rawTracepoints object-wide: the tracepoint each raw tracepoint program attaches to, by
 *     program name, in program order (from the ELF section names; the instructions never hold them)
 * @param target object-wide: the target the loader was generated for (record 4), or null when
 *     generation used no profile and no host value (and for imported loaders)
 */
public record LoaderFile(
    String name,
    Mode mode,
    Scheme scheme,
    ByteOrder order,
    Bytes insns,
    Bytes data,
    CtxLayout ctx,
    List<SignatureBlock> signatures,
    Map<String, String> rawTracepoints,
    LoaderTarget target) {

  public static final int INSN_SIZE = 8;

  public LoaderFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(insns, "insns");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(ctx, "ctx");
    signatures = List.copyOf(signatures);
    rawTracepoints = Collections.unmodifiableMap(new LinkedHashMap<>(rawTracepoints));
    for (String prog : rawTracepoints.keySet()) {
      if (!ctx.programs().contains(prog)) {
        throw new IllegalArgumentException("a raw tracepoint is recorded for program " + prog + ", which the loader does not have");
      }
    }
    if (insns.length() % INSN_SIZE != 0) {
      throw new IllegalArgumentException("instructions are not a whole number of 8-byte slots: " + insns.length());
    }
  }

  /** A loader with no target recorded. */
  public LoaderFile(String name, Mode mode, Scheme scheme, ByteOrder order, Bytes insns, Bytes data, CtxLayout ctx,
      List<SignatureBlock> signatures, Map<String, String> rawTracepoints) {
    this(name, mode, scheme, order, insns, data, ctx, signatures, rawTracepoints, null);
  }

  /** A loader with no raw tracepoint names recorded. */
  public LoaderFile(String name, Mode mode, Scheme scheme, ByteOrder order, Bytes insns, Bytes data, CtxLayout ctx,
      List<SignatureBlock> signatures) {
    this(name, mode, scheme, order, insns, data, ctx, signatures, Map.of());
  }

  /** A 6.18-scheme loader (the only generation before 7.3). */
  public LoaderFile(String name, Mode mode, ByteOrder order, Bytes insns, Bytes data, CtxLayout ctx,
      List<SignatureBlock> signatures) {
    this(name, mode, Scheme.LINUX_6_18, order, insns, data, ctx, signatures);
  }

  public int insnCount() {
    return insns.length() / INSN_SIZE;
  }

  /**
   * The same loader with one more signature block, the blocks in {@link
   * SignatureBlock#CANONICAL_ORDER} (so the file does not depend on who signed first).
   */
  public LoaderFile withSignature(SignatureBlock block) {
    List<SignatureBlock> all = new ArrayList<>(signatures);
    all.add(block);
    all.sort(SignatureBlock.CANONICAL_ORDER);
    return new LoaderFile(name, mode, scheme, order, insns, data, ctx, all, rawTracepoints, target);
  }

  public LoaderFile withoutSignatures() {
    return new LoaderFile(name, mode, scheme, order, insns, data, ctx, List.of(), rawTracepoints, target);
  }

  /** The same loader with these signatures instead of its own. */
  public LoaderFile withSignatures(List<SignatureBlock> blocks) {
    return new LoaderFile(name, mode, scheme, order, insns, data, ctx, blocks, rawTracepoints, target);
  }

  /** The same instructions labelled for another kernel generation (plain loaders are the same for both). */
  public LoaderFile withScheme(Scheme other) {
    return new LoaderFile(name, mode, other, order, insns, data, ctx, signatures, rawTracepoints, target);
  }

  /** The same loader recording these raw tracepoint names (program name to tracepoint). */
  public LoaderFile withRawTracepoints(Map<String, String> names) {
    return new LoaderFile(name, mode, scheme, order, insns, data, ctx, signatures, names, target);
  }

  /** The same loader recording this target (null: none). */
  public LoaderFile withTarget(LoaderTarget t) {
    return new LoaderFile(name, mode, scheme, order, insns, data, ctx, signatures, rawTracepoints, t);
  }

  /** The payload a kernel of this variant's generation verifies a signature over. */
  public Bytes signedPayload() {
    return signedPayload(scheme);
  }

  /** The payload a kernel verifies a signature of this scheme over (see kernel-signing §3.8). */
  public Bytes signedPayload(Scheme scheme) {
    return switch (scheme) {
      case LINUX_6_18 -> insns;
      case LINUX_7_3 -> insns.concat(data);
    };
  }
}
