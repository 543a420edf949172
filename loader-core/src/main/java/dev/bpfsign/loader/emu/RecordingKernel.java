package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.KernelCall.MapCreate;
import dev.bpfsign.loader.emu.KernelCall.OtherBpfCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default simulated kernel: accepts every well-formed command gen_loader emits, hands out
 * fake fds (3, 4, 5, … never reused, so a trace reads unambiguously), and keeps the fd table so
 * map updates know their key and value sizes. Commands outside what {@code bpf_sys_bpf} allows a
 * loader get -EINVAL, as from the kernel. Symbol lookups go to a {@link KernelSymbols}.
 */
public final class RecordingKernel implements SimulatedKernel {
  public static final int FIRST_FD = 3;

  /** What an fd refers to. */
  public sealed interface KernelObject {}

  public record Btf(KernelCall.BtfLoad load) implements KernelObject {}

  public record BpfMap(MapCreate create) implements KernelObject {}

  public record Prog(KernelCall.ProgLoad load) implements KernelObject {}

  private final KernelSymbols symbols;
  private final Map<Integer, KernelObject> open = new HashMap<>(); // lookups only; copied sorted
  private int nextFd = FIRST_FD;

  public RecordingKernel() {
    this(new SymbolicSymbols());
  }

  public RecordingKernel(KernelSymbols symbols) {
    this.symbols = symbols;
  }

  /** The objects still open, by fd. */
  public Map<Integer, KernelObject> openObjects() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(open));
  }

  @Override
  public Outcome sysBpf(int cmd, long attrAddr, long attrSize, Memory memory) throws BadInputException {
    if (attrSize < 0 || attrSize > 0xffff) {
      throw new BadInputException("bpf_sys_bpf attr_size " + attrSize + " is not a plausible size");
    }
    AttrDecoder attr = new AttrDecoder(memory, attrAddr, attrSize);
    if (!AttrDecoder.tailIsZero(memory, attrAddr, attrSize)) {
      return new Outcome(new OtherBpfCommand(cmd, attr.raw()), -Errno.E2BIG);
    }
    return switch (cmd) {
      case BpfAttr.BTF_LOAD -> {
        var load = attr.btfLoad();
        yield new Outcome(load, allocate(new Btf(load)));
      }
      case BpfAttr.MAP_CREATE -> {
        var create = attr.mapCreate();
        yield new Outcome(create, allocate(new BpfMap(create)));
      }
      case BpfAttr.MAP_UPDATE_ELEM -> {
        int fd = attr.u32(BpfAttr.ELEM_MAP_FD);
        if (!(open.get(fd) instanceof BpfMap map)) {
          yield new Outcome(new OtherBpfCommand(cmd, attr.raw()), -Errno.EBADF);
        }
        yield new Outcome(attr.mapUpdateElem(map.create().keySize(), map.create().valueSize()), 0);
      }
      case BpfAttr.MAP_FREEZE -> {
        var freeze = attr.mapFreeze();
        yield new Outcome(freeze, open.get(freeze.mapFd()) instanceof BpfMap ? 0 : -Errno.EBADF);
      }
      case BpfAttr.PROG_LOAD -> {
        var load = attr.progLoad();
        yield new Outcome(load, allocate(new Prog(load)));
      }
      default -> new Outcome(new OtherBpfCommand(cmd, attr.raw()), -Errno.EINVAL);
    };
  }

  private long allocate(KernelObject object) {
    int fd = nextFd++;
    open.put(fd, object);
    return fd;
  }

  @Override
  public long close(int fd) {
    return open.remove(fd) != null ? 0 : -Errno.EBADF;
  }

  @Override
  public long btfFindByNameKind(String name, int btfKind, int flags) {
    return flags != 0 ? -Errno.EINVAL : symbols.btfFindByNameKind(name, btfKind);
  }

  @Override
  public long kallsymsLookupName(String name) {
    return symbols.kallsymsLookupName(name);
  }
}
