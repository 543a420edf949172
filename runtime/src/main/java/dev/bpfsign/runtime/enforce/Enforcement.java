package dev.bpfsign.runtime.enforce;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.BpfRuntime;
import dev.bpfsign.runtime.Bpffs;
import dev.bpfsign.runtime.KernelRefusedException;
import dev.bpfsign.runtime.LoadOptions;
import dev.bpfsign.runtime.LoadedObject;
import dev.bpfsign.runtime.LoadedObjects;
import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.LinkInfo;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import dev.bpfsign.verifier.AdmittedLoader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs, reads and removes the enforce policy. An installed policy is a directory in bpffs
 * ({@code BPFFS/bpfsign/enforce/host} or {@code …/cgroup-ID}) holding the pinned link (which
 * keeps the program attached), the program and its three maps. All or nothing: the pins are
 * made in a staging directory, the link is created and pinned there, and the directory is
 * renamed into place last; any failure detaches the link and removes the staging pins.
 */
public final class Enforcement {
  /** {@code BPF_LSM_MAC} and {@code BPF_LSM_CGROUP} in {@code enum bpf_attach_type}. */
  static final int LSM_MAC = 27;
  static final int LSM_CGROUP = 43;

  static final String LINK = "link";
  static final String STAGING = "staging-";
  static final String PROG = "prog";

  /** Where the policy applies: the whole host, or one cgroup and its descendants. */
  public record Scope(Optional<Cgroup> cgroup) {
    public static final Scope HOST = new Scope(Optional.empty());

    public String dirName() {
      return cgroup.map(c -> "cgroup-" + c.id()).orElse("host");
    }

    public String describe() {
      return cgroup.map(c -> "cgroup " + c.path() + " (id " + c.id() + ")").orElse("the whole host");
    }
  }

  /** One active policy, as read back from its pins. */
  public record Active(String scope, Path dir, int linkId, int progId, EnforcePolicy policy, long[] counters) {}

  private Enforcement() {}

  /** The directory all policies live under. */
  public static Path root(Path bpffs) {
    return bpffs.resolve("bpfsign").resolve("enforce");
  }

  /**
   * Loads the admitted enforce loader, writes the policy, pins and attaches it.
   *
   * @return the active policy as read back
   */
  public static Active install(AdmittedLoader admitted, LoadOptions options, EnforcePolicy policy, Scope scope,
      Path bpffs) throws BadInputException, KernelRefusedException {
    if (!EnforceProgram.isLoader(admitted.loader())) {
      throw new BadInputException("loader " + admitted.loader().name() + " is not bpfsign's enforce program"
          + " (make it with 'bpfsign enforce --export-loader FILE', then sign it)");
    }
    if (!Bpffs.contains(bpffs) || !Files.isDirectory(bpffs)) {
      throw new BadInputException("no BPF file system at " + bpffs + " (mount one with 'mount -t bpf bpf " + bpffs
          + "'); the policy must be pinned there to outlive this command");
    }
    Path root = root(bpffs);
    Path dir = root.resolve(scope.dirName());
    if (Files.exists(dir)) {
      throw new BadInputException("a policy is already enforced on " + scope.describe() + " (" + dir
          + "); remove it first with 'bpfsign enforce --off" + scope.cgroup().map(c -> " --cgroup " + c.path())
          .orElse("") + "'");
    }
    Path staging = root.resolve(STAGING + ProcessHandle.current().pid()); // bpffs names take no dots
    try (LoadedObjects objects = loadRefusingLsm(admitted, options);
        Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      LoadedObject prog = objects.program(scope.cgroup().isPresent() ? EnforceProgram.CGROUP_PROGRAM
          : EnforceProgram.HOST_PROGRAM).orElseThrow();
      writePolicy(bpf, arena, map(objects, EnforceProgram.POLICY_MAP).fd(), policy);
      int link = 0;
      try {
        createDirectories(staging);
        for (LoadedObject m : objects.maps()) {
          pin(bpf, m.fd(), staging.resolve(m.name()), "map " + m.name());
        }
        pin(bpf, prog.fd(), staging.resolve(PROG), "program " + prog.name());
        link = attach(bpf, prog, scope);
        pin(bpf, link, staging.resolve(LINK), "link");
        try {
          Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          throw new BadInputException("cannot rename " + staging + " to " + dir + " in bpffs: " + e.getMessage());
        } catch (IOException e) {
          throw new BadInputException("cannot rename " + staging + " to " + dir + ": " + e.getMessage());
        }
      } catch (BadInputException | KernelRefusedException | RuntimeException e) {
        removeDir(staging); // unpins the link first: detached once the fd below closes too
        throw e;
      } finally {
        bpf.close(link);
      }
    }
    return read(dir).orElseThrow(() -> new IllegalStateException("installed policy at " + dir + " cannot be read"));
  }

  /** Every active policy under {@code bpffs}, by scope name. */
  public static List<Active> status(Path bpffs) {
    List<Active> out = new ArrayList<>();
    Path root = root(bpffs);
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        if (!d.getFileName().toString().startsWith(STAGING)) {
          read(d).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort((a, b) -> a.scope().compareTo(b.scope()));
    return out;
  }

  /**
   * Removes the policy on {@code scope} (and staging left by an interrupted install); returns
   * whether one was active.
   */
  public static boolean remove(Scope scope, Path bpffs) {
    Path root = root(bpffs);
    Path dir = root.resolve(scope.dirName());
    boolean was = Files.isDirectory(dir);
    removeDir(dir);
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, STAGING + "*")) {
        dirs.forEach(Enforcement::removeDir);
      } catch (IOException e) {
        // nothing staged
      }
    }
    return was;
  }

  /** The events map of the policy in {@code dir}, opened for reading; the caller closes it. */
  public static EventRing events(Path dir) throws KernelRefusedException {
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      int fd = bpf.objGet(dir.resolve(EnforceProgram.EVENTS_MAP).toString());
      try {
        return EventRing.open(fd, bpf.mapInfo(fd).maxEntries());
      } finally {
        Sys.close(fd);
      }
    } catch (SyscallException e) {
      throw new KernelRefusedException("open the events of " + dir, e.errno(), "");
    }
  }

  static Optional<Active> read(Path dir) {
    try (Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      int link = bpf.objGet(dir.resolve(LINK).toString());
      LinkInfo li;
      try {
        li = bpf.linkInfo(link);
      } finally {
        Sys.close(link);
      }
      int policyFd = bpf.objGet(dir.resolve(EnforceProgram.POLICY_MAP).toString());
      MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
      MemorySegment value = arena.allocate(EnforcePolicy.SIZE, 8);
      try {
        bpf.mapLookup(policyFd, key, value);
      } finally {
        Sys.close(policyFd);
      }
      long[] counters = new long[EnforceProgram.COUNTERS];
      int countersFd = bpf.objGet(dir.resolve(EnforceProgram.COUNTERS_MAP).toString());
      try {
        MemorySegment c = arena.allocate(ValueLayout.JAVA_LONG);
        for (int i = 0; i < counters.length; i++) {
          key.set(ValueLayout.JAVA_INT, 0, i);
          bpf.mapLookup(countersFd, key, c);
          counters[i] = c.get(ValueLayout.JAVA_LONG, 0);
        }
      } finally {
        Sys.close(countersFd);
      }
      return Optional.of(new Active(dir.getFileName().toString(), dir, li.id(), li.progId(),
          EnforcePolicy.decode(value.toArray(ValueLayout.JAVA_BYTE)), counters));
    } catch (SyscallException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static LoadedObjects loadRefusingLsm(AdmittedLoader admitted, LoadOptions options)
      throws KernelRefusedException, BadInputException {
    try {
      return BpfRuntime.load(admitted, options);
    } catch (KernelRefusedException e) {
      if (e.errno() == Errno.EPERM && e.step().startsWith("loader ")) {
        // the loader itself loaded (so bpf() is allowed), then its LSM program was refused
        throw new KernelRefusedException("load the enforce program", Errno.EPERM, LSM_REFUSED);
      }
      throw e;
    }
  }

  /** What a kernel that refuses BPF LSM programs gets said about it, everywhere. */
  public static final String LSM_REFUSED = "this kernel refuses to load BPF LSM programs here, so it cannot"
      + " enforce (it needs CONFIG_BPF_LSM=y with 'bpf' in the active LSMs, and no lockdown of BPF LSM)";

  private static LoadedObject map(LoadedObjects objects, String name) {
    return objects.map(name).orElseThrow(() -> new IllegalStateException("the enforce loader made no map " + name));
  }

  private static void writePolicy(Bpf bpf, Arena arena, int fd, EnforcePolicy policy) throws KernelRefusedException {
    MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
    MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_BYTE, policy.encode());
    try {
      bpf.mapUpdate(fd, key, value, 0);
    } catch (SyscallException e) {
      throw new KernelRefusedException("write the policy map", e.errno(), "");
    }
  }

  private static int attach(Bpf bpf, LoadedObject prog, Scope scope) throws KernelRefusedException {
    int target = 0;
    try {
      if (scope.cgroup().isPresent()) {
        target = Sys.open(scope.cgroup().get().path().toString(), Sys.O_RDONLY | Sys.O_DIRECTORY | Sys.O_CLOEXEC);
      }
      return bpf.linkCreate(prog.fd(), target, scope.cgroup().isPresent() ? LSM_CGROUP : LSM_MAC);
    } catch (SyscallException e) {
      throw new KernelRefusedException("attach " + prog.name() + " to " + scope.describe(), e.errno(),
          e.errno() == Errno.EPERM ? LSM_REFUSED : "");
    } finally {
      Sys.close(target);
    }
  }

  private static void pin(Bpf bpf, int fd, Path path, String what) throws KernelRefusedException {
    try {
      bpf.objPin(fd, path.toString());
    } catch (SyscallException e) {
      throw new KernelRefusedException("pin " + what + " at " + path, e.errno(), "");
    }
  }

  private static void createDirectories(Path dir) throws BadInputException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException("cannot create " + dir + ": " + e.getMessage());
    }
  }

  /** Removes the link pin first (detaching), then the rest, then the directory. */
  private static void removeDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve(LINK));
      try (DirectoryStream<Path> pins = Files.newDirectoryStream(dir)) {
        for (Path p : pins) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // reported by the caller's next status read
    }
  }
}
