package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.Bytes;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * A BPF object as libbpf holds it when it starts loading: the BTF to upload (fixed up; empty if
 * the object has none), the maps in creation order, the entry programs in load order, and
 * {@code programCount}, the number of libbpf programs including subprograms (it sizes the
 * loader's cleanup code). {@code inputsUsed} says which host values ({@link GenInputs}) the
 * object consumed, for the loader file's target record.
 */
public record BpfObject(
    String name,
    ByteOrder byteOrder,
    String license,
    Bytes btf,
    List<MapSpec> maps,
    List<LoadableProgram> programs,
    int programCount,
    InputsUsed inputsUsed) {

  public BpfObject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(byteOrder, "byteOrder");
    Objects.requireNonNull(license, "license");
    btf = btf == null ? Bytes.EMPTY : btf;
    maps = List.copyOf(maps);
    programs = List.copyOf(programs);
    inputsUsed = inputsUsed == null ? InputsUsed.NONE : inputsUsed;
  }

  /** An object that consumed no host values. */
  public BpfObject(String name, ByteOrder byteOrder, String license, Bytes btf, List<MapSpec> maps,
      List<LoadableProgram> programs, int programCount) {
    this(name, byteOrder, license, btf, maps, programs, programCount, InputsUsed.NONE);
  }

  public boolean hasBtf() {
    return btf.length() > 0;
  }
}
