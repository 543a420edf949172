package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.MapInfo;
import dev.bpfsign.runtime.kernel.ProgInfo;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The maps and programs a loader created, in ctx order, owned by this process: they live as
 * long as their fds (or a pin or link) do. {@link #close()} closes every fd.
 *
 * @param gate what admitted the loader into the kernel
 * @param totalNanos wall time of the load, from the admitted bytes to the fds
 * @param kernelNanos the part of it spent inside bpf() calls
 */
public final class LoadedObjects implements AutoCloseable {
  private final List<LoadedObject> maps;
  private final List<LoadedObject> programs;
  private final Gate gate;
  private final long totalNanos;
  private final long kernelNanos;
  private boolean closed;

  LoadedObjects(List<LoadedObject> maps, List<LoadedObject> programs, Gate gate, long totalNanos, long kernelNanos) {
    this.maps = List.copyOf(maps);
    this.programs = List.copyOf(programs);
    this.gate = gate;
    this.totalNanos = totalNanos;
    this.kernelNanos = kernelNanos;
  }

  public List<LoadedObject> maps() {
    return maps;
  }

  public List<LoadedObject> programs() {
    return programs;
  }

  /** Maps first, then programs, as the ctx lists them. */
  public List<LoadedObject> all() {
    List<LoadedObject> all = new ArrayList<>(maps);
    all.addAll(programs);
    return all;
  }

  public Optional<LoadedObject> program(String name) {
    return programs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<LoadedObject> map(String name) {
    return maps.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Gate gate() {
    return gate;
  }

  public long totalNanos() {
    return totalNanos;
  }

  public long kernelNanos() {
    return kernelNanos;
  }

  /** Asks the kernel about every object (ids, types, sizes, names). */
  public List<ObjectDescription> describe() throws KernelRefusedException {
    List<ObjectDescription> out = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      for (LoadedObject m : maps) {
        MapInfo i = bpf.mapInfo(m.fd());
        out.add(new ObjectDescription(m.kind(), m.name(), i.id(), i.type(), TypeNames.map(i.type()),
            i.name(), i.keySize(), i.valueSize(), i.maxEntries()));
      }
      for (LoadedObject p : programs) {
        ProgInfo i = bpf.progInfo(p.fd());
        out.add(new ObjectDescription(p.kind(), p.name(), i.id(), i.type(), TypeNames.program(i.type()),
            i.name(), 0, 0, 0));
      }
    } catch (SyscallException e) {
      throw new KernelRefusedException("describe the created objects", e.errno(), "");
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (LoadedObject p : programs) {
      Sys.close(p.fd());
    }
    for (LoadedObject m : maps) {
      Sys.close(m.fd());
    }
  }
}
