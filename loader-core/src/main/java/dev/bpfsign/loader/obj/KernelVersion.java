package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value of the {@code LINUX_KERNEL_VERSION} extern for a kernel release string. */
public final class KernelVersion {
  private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  private KernelVersion() {}

  /** {@code KERNEL_VERSION(a, b, c)} of "a.b.c[...]", the patch level capped at 255 as libbpf does. */
  public static int parse(String release) throws BadInputException {
    Matcher m = RELEASE.matcher(release);
    if (!m.matches()) {
      throw new BadInputException("kernel version '" + release + "' is not MAJOR.MINOR[.PATCH]");
    }
    try {
      int major = Integer.parseInt(m.group(1));
      int minor = Integer.parseInt(m.group(2));
      int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      if (major > 255 || minor > 255) {
        throw new BadInputException("kernel version '" + release + "' is out of range");
      }
      return major << 16 | minor << 8 | Math.min(patch, 255);
    } catch (NumberFormatException e) {
      throw new BadInputException("kernel version '" + release + "' is out of range");
    }
  }
}
