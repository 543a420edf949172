package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.BtfFormatException;
import dev.bpfsign.loader.btf.VmlinuxBtf;
import dev.bpfsign.loader.emu.KernelSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The emulator's symbol lookups answered from a kernel's BTF, as the kernel's
 * {@code bpf_btf_find_by_name_kind} answers them from vmlinux (object fd 0): the id of the first
 * type with that name and kind, or -ENOENT. Module BTF is not consulted. {@code
 * bpf_kallsyms_lookup_name} is answered from {@code /proc/kallsyms} when it shows addresses
 * (root), else as absent.
 */
public final class VmlinuxSymbols implements KernelSymbols {
  public static final Path DEFAULT_BTF = Path.of("/sys/kernel/btf/vmlinux");
  private static final Path KALLSYMS = Path.of("/proc/kallsyms");
  private static final long ENOENT = 2;

  private final VmlinuxBtf btf;
  private Map<String, Long> kallsyms;

  private VmlinuxSymbols(VmlinuxBtf btf) {
    this.btf = btf;
  }

  /** Reads a raw BTF file ({@code /sys/kernel/btf/vmlinux} or one given with {@code --btf}). */
  public static VmlinuxSymbols read(Path btfFile) throws BadInputException {
    try {
      return new VmlinuxSymbols(VmlinuxBtf.load(btfFile));
    } catch (NoSuchFileException e) {
      throw new BadInputException(btfFile + ": no such file" + (btfFile.equals(DEFAULT_BTF)
          ? " (this kernel has no CONFIG_DEBUG_INFO_BTF; give a vmlinux BTF with --btf FILE)" : ""));
    } catch (IOException e) {
      throw new BadInputException(btfFile + ": cannot read: " + e.getMessage());
    } catch (BtfFormatException e) {
      throw new BadInputException(btfFile + ": not a BTF file: " + e.getMessage());
    }
  }

  @Override
  public long btfFindByNameKind(String name, int btfKind) {
    OptionalInt id = btf.findByNameKind(name, btfKind);
    return id.isPresent() ? id.getAsInt() : -ENOENT;
  }

  @Override
  public long kallsymsLookupName(String name) {
    if (kallsyms == null) {
      kallsyms = readKallsyms();
    }
    return kallsyms.getOrDefault(name, 0L);
  }

  private static Map<String, Long> readKallsyms() {
    Map<String, Long> out = new HashMap<>();
    try (var lines = Files.lines(KALLSYMS)) {
      lines.forEach(line -> {
        String[] f = line.split("\\s+");
        if (f.length >= 3) {
          long addr = Long.parseUnsignedLong(f[0], 16);
          if (addr != 0) {
            out.putIfAbsent(f[2], addr);
          }
        }
      });
    } catch (IOException | RuntimeException e) {
      // no kallsyms (or hidden addresses): every lookup answers "absent", as the helper would
    }
    return out;
  }
}
