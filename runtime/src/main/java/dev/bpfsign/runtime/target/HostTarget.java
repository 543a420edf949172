package dev.bpfsign.runtime.target;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.obj.Kallsyms;
import dev.bpfsign.loader.target.KconfigText;
import dev.bpfsign.loader.target.TargetProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * This machine's target profile, read from the files libbpf 1.8 reads when it generates a loader
 * on it: the release ({@code uname}), {@code /proc/version_signature} (Ubuntu's version for
 * {@code LINUX_KERNEL_VERSION}), {@code /boot/config-RELEASE} and else {@code /proc/config.gz},
 * {@code /sys/devices/system/cpu/possible} and {@code /proc/kallsyms}. An input that cannot be
 * read is left out and named in {@link Capture#unreadable()}; nothing is guessed.
 *
 * <p>The root directory is a parameter so that tests can point it at a prepared tree.
 */
public final class HostTarget {
  private static final Pattern SIGNATURE = Pattern.compile("\\S+ \\S+ (\\d+)\\.(\\d+)\\.(\\d+).*", Pattern.DOTALL);
  private static final Pattern CPU_RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");
  /** Kallsyms of a big distribution kernel are a few tens of MB; a bound keeps a wrong file from exhausting memory. */
  private static final long MAX_INPUT = 256L << 20;

  /** The profile and one line per input that could not be read (what, where, why). */
  public record Capture(TargetProfile profile, List<String> unreadable) {
    public Capture {
      unreadable = List.copyOf(unreadable);
    }
  }

  private final Path root;
  private final List<String> unreadable = new ArrayList<>();
  private final SortedMap<String, String> sources = new TreeMap<>();

  private HostTarget(Path root) {
    this.root = root;
  }

  /** Reads this machine ({@code /}); {@code kallsyms} false leaves the boot-specific addresses out. */
  public static Capture capture(boolean kallsyms, Instant now) {
    return capture(Path.of("/"), kallsyms, now);
  }

  /** Reads the host whose {@code /proc}, {@code /sys} and {@code /boot} are under {@code root}. */
  public static Capture capture(Path root, boolean kallsyms, Instant now) {
    HostTarget h = new HostTarget(root);
    String release = h.release();
    String version = h.versionSignature();
    SortedMap<String, String> kconfig = h.kconfig(release);
    Integer cpus = h.possibleCpus();
    SortedMap<String, Long> symbols = kallsyms ? h.kallsyms() : null;
    TargetProfile p = new TargetProfile(release, version, cpus, kconfig, symbols, h.sources,
        now == null ? null : now.toString());
    return new Capture(p, h.unreadable);
  }

  /**
   * Only what a loaded loader can be compared on ({@link HostComparison}): the release and, when
   * asked, kallsyms; the other fields are left out without being read.
   */
  static Capture releaseAndKallsyms(Path root, boolean kallsyms) {
    HostTarget h = new HostTarget(root);
    String release = h.release();
    SortedMap<String, Long> symbols = kallsyms ? h.kallsyms() : null;
    return new Capture(new TargetProfile(release, null, null, null, symbols, h.sources, null), h.unreadable);
  }

  private String release() {
    String path = "/proc/sys/kernel/osrelease";
    String text = text(path, "kernel_release");
    if (text == null) {
      return null;
    }
    sources.put("kernel_release", path);
    return text.strip();
  }

  /** Ubuntu's mangled version (libbpf's {@code get_kernel_version} prefers it); absent elsewhere, silently. */
  private String versionSignature() {
    String path = "/proc/version_signature";
    if (!Files.exists(file(path))) {
      return null;
    }
    String text = text(path, "kernel_version");
    if (text == null) {
      return null;
    }
    Matcher m = SIGNATURE.matcher(text.strip());
    if (!m.matches()) {
      unreadable.add("kernel_version: " + path + " does not end in X.Y.Z; left out");
      return null;
    }
    sources.put("kernel_version", path);
    return m.group(1) + "." + m.group(2) + "." + m.group(3);
  }

  private SortedMap<String, String> kconfig(String release) {
    List<String> tried = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    if (release != null) {
      paths.add("/boot/config-" + release);
    }
    paths.add("/proc/config.gz");
    for (String path : paths) {
      byte[] bytes;
      try {
        bytes = bytes(path);
      } catch (IOException e) {
        tried.add(path + " (" + reason(e) + ")");
        continue;
      }
      try {
        SortedMap<String, String> values = KconfigText.parse(new String(gunzipIfNeeded(bytes), StandardCharsets.ISO_8859_1), path);
        sources.put("kconfig", path);
        return values;
      } catch (IOException e) {
        unreadable.add("kconfig: " + path + ": not gzip data (" + reason(e) + "); left out");
        return null;
      } catch (BadInputException e) {
        unreadable.add("kconfig: " + e.getMessage() + "; left out");
        return null;
      }
    }
    unreadable.add("kconfig: cannot read " + String.join(" or ", tried) + "; left out");
    return null;
  }

  private Integer possibleCpus() {
    String path = "/sys/devices/system/cpu/possible";
    String text = text(path, "possible_cpus");
    if (text == null) {
      return null;
    }
    Integer n = countCpus(text.strip());
    if (n == null) {
      unreadable.add("possible_cpus: " + path + " is not a CPU list; left out");
      return null;
    }
    sources.put("possible_cpus", path);
    return n;
  }

  /** libbpf's {@code parse_cpu_mask_str} then a count of the set CPUs: "0-3,8" is 5. */
  static Integer countCpus(String list) {
    boolean[] seen = new boolean[TargetProfile.MAX_CPUS];
    int count = 0;
    for (String part : list.split(",", -1)) {
      Matcher m = CPU_RANGE.matcher(part);
      if (!m.matches()) {
        return null;
      }
      long from = Long.parseLong(m.group(1));
      long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
      if (to < from || to >= seen.length) {
        return null;
      }
      for (int c = (int) from; c <= to; c++) {
        if (!seen[c]) {
          seen[c] = true;
          count++;
        }
      }
    }
    return count == 0 ? null : count;
  }

  private SortedMap<String, Long> kallsyms() {
    String path = "/proc/kallsyms";
    String text = text(path, "kallsyms");
    if (text == null) {
      return null;
    }
    SortedMap<String, Long> symbols;
    try {
      symbols = new TreeMap<>(Kallsyms.parse(text, path));
    } catch (BadInputException e) {
      unreadable.add("kallsyms: " + e.getMessage() + "; left out");
      return null;
    }
    if (!symbols.isEmpty() && symbols.values().stream().allMatch(a -> a == null || a == 0)) {
      unreadable.add("kallsyms: " + path + " shows every address as 0 (kernel.kptr_restrict hides them from this user); left out");
      return null;
    }
    sources.put("kallsyms", path);
    return symbols;
  }

  private String text(String path, String field) {
    try {
      return new String(bytes(path), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      unreadable.add(field + ": cannot read " + path + " (" + reason(e) + "); left out");
      return null;
    }
  }

  private byte[] bytes(String path) throws IOException {
    Path f = file(path);
    try (InputStream in = Files.newInputStream(f)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_INPUT + 1));
      if (bytes.length > MAX_INPUT) {
        throw new IOException("more than " + MAX_INPUT + " bytes");
      }
      return bytes;
    }
  }

  private Path file(String path) {
    return root.resolve(path.substring(1));
  }

  private static byte[] gunzipIfNeeded(byte[] bytes) throws IOException {
    // libbpf opens both files with gzopen, which also passes plain text through
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return in.readNBytes((int) MAX_INPUT);
      }
    }
    return bytes;
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
