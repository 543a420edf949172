package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a light-skeleton header is made of, in the order bpftool prints it: the object
 * name, the maps and programs in ctx order with what their skeleton code needs, the blobs, and
 * for signed loaders the signature and excl hash. {@link SkeletonWriter} turns it into text.
 */
public record SkeletonModel(
    String name,
    List<MapSpec> maps,
    List<ProgSpec> programs,
    Bytes insns,
    Bytes data,
    Optional<Bytes> signature,
    Optional<Bytes> exclProgHash) {

  public SkeletonModel {
    Objects.requireNonNull(name, "name");
    maps = List.copyOf(maps);
    programs = List.copyOf(programs);
    Objects.requireNonNull(insns, "insns");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(exclProgHash, "exclProgHash");
    if (!CtxLayout.isValidName(name)) {
      throw new IllegalArgumentException("object name is not a C identifier: " + name);
    }
    if (signature.isPresent() != exclProgHash.isPresent()) {
      throw new IllegalArgumentException("a signed skeleton has both a signature and an excl hash");
    }
  }

  public boolean signed() {
    return signature.isPresent();
  }

  /**
   * A map's skeleton member; {@code mmap} is present for internal maps with {@code
   * BPF_F_MMAPABLE} (global data the skeleton exposes as {@code skel->IDENT}).
   */
  public record MapSpec(String ident, Optional<Mmap> mmap) {
    public MapSpec {
      Objects.requireNonNull(ident, "ident");
      Objects.requireNonNull(mmap, "mmap");
    }
  }

  /**
   * A memory-mapped internal map.
   *
   * @param size the mmap size: value size rounded up to 8, times max_entries, rounded up to the
   *     page size (4096, as bpftool computes it on the host that generates the header)
   * @param readOnly whether the program sees it read-only ({@code BPF_F_RDONLY_PROG}); user space
   *     then maps it {@code PROT_READ}
   * @param initialValue the initial contents the skeleton copies into its memory
   * @param struct the variables of the map's DATASEC as struct members, or empty when the
   *     map has no DATASEC (then the struct is empty, as bpftool prints it)
   */
  public record Mmap(long size, boolean readOnly, Bytes initialValue, Optional<DatasecStruct> struct) {}

  /**
   * The struct a DATASEC becomes: the struct's identifier (from the section name), member
   * declarations as bpftool prints them (without indentation or ';'), and the size asserts.
   */
  public record DatasecStruct(String ident, List<String> members, List<SizeAssert> asserts) {
    public DatasecStruct {
      members = List.copyOf(members);
      asserts = List.copyOf(asserts);
    }
  }

  /** {@code _Static_assert(sizeof(s->MAP->VAR) == SIZE, ...)}. */
  public record SizeAssert(String variable, long size) {}

  /** A program's skeleton member and how {@code __attach} attaches it. */
  public record ProgSpec(String name, Attach attach) {}

  /** How bpftool's generated attach function attaches a program. */
  public sealed interface Attach {
    /** No auto-attach: {@code int fd = ((void)prog_fd, 0);}. */
    record None() implements Attach {}

    /** {@code skel_raw_tracepoint_open("NAME", prog_fd)}: raw tracepoints. */
    record RawTracepoint(String tracepoint) implements Attach {}

    /** {@code skel_raw_tracepoint_open(NULL, prog_fd)}: tracing and LSM programs. */
    record BtfTracepoint() implements Attach {}

    /** {@code skel_link_create(prog_fd, 0, BPF_TRACE_ITER)}: iterators. */
    record Iterator() implements Attach {}
  }
}
