package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins every created object under a bpffs directory: maps as {@code DIR/maps/NAME}, programs
 * as {@code DIR/progs/NAME}, so they outlive this process. All or nothing: on any failure the
 * pins and directories made so far are removed.
 */
public final class Pins {
  /** One pinned object. */
  public record Pin(LoadedObject object, Path path) {}

  private Pins() {}

  public static List<Pin> pinAll(LoadedObjects objects, Path dir) throws BadInputException, KernelRefusedException {
    Path root = dir.toAbsolutePath().normalize();
    if (!Bpffs.contains(root)) {
      throw new BadInputException("--pin " + dir + ": not in a BPF file system (mount one with"
          + " 'mount -t bpf bpf " + Bpffs.DEFAULT_MOUNT + "' and pin below it)");
    }
    List<Path> createdDirs = new ArrayList<>();
    List<Pin> pins = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      for (LoadedObject o : objects.all()) {
        Path sub = root.resolve(o.kind() == LoadedObject.Kind.MAP ? "maps" : "progs");
        mkdirs(sub, createdDirs);
        Path path = sub.resolve(o.name());
        try {
          bpf.objPin(o.fd(), path.toString());
        } catch (SyscallException e) {
          throw new KernelRefusedException("pin " + o.kind().label() + " " + o.name() + " at " + path, e.errno(),
              e.errno() == dev.bpfsign.runtime.kernel.Errno.EEXIST ? "something is already pinned there" : "");
        }
        pins.add(new Pin(o, path));
      }
      return List.copyOf(pins);
    } catch (BadInputException | KernelRefusedException | RuntimeException e) {
      unpin(pins);
      removeDirs(createdDirs);
      throw e;
    }
  }

  /** Removes the pins (the objects live on while something else holds them). */
  public static void unpin(List<Pin> pins) {
    for (Pin p : pins.reversed()) {
      try {
        Files.deleteIfExists(p.path());
      } catch (IOException e) {
        // best effort on the way out: the next step reports what is left
      }
    }
  }

  private static void mkdirs(Path dir, List<Path> created) throws BadInputException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(p);
    }
    for (Path p : missing.reversed()) {
      try {
        Files.createDirectory(p);
        created.add(p);
      } catch (IOException e) {
        throw new BadInputException("--pin: cannot create directory " + p + ": " + e.getMessage());
      }
    }
  }

  private static void removeDirs(List<Path> created) {
    for (Path p : created.reversed()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // not empty: someone else put something there; leave it
      }
    }
  }
}
