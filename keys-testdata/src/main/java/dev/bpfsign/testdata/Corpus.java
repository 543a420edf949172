package dev.bpfsign.testdata;

import java.nio.file.Path;
import java.util.List;

/**
 * The real-world corpus ({@code keys-testdata/corpus}, rebuilt by its {@code build.sh}): BPF
 * objects of open-source tools (bcc's libbpf-tools, libbpf-bootstrap's examples, the Linux BPF
 * selftests that libbpf turns into light skeletons) built by the reference toolchain, bpftool 7.8's loaders of each made on the reference host, plain and
 * signed with {@link TestKeys#SIGNER_RSA3072}, and that host's target profile.
 *
 * <p>An object's name is its file name without {@code .bpf.o}; bpftool named it {@code NAME_bpf}
 * (its default for the file).
 */
public final class Corpus {
  private static final String DIR = "corpus/";

  private Corpus() {}

  /** Every corpus object with goldens, sorted. */
  public static List<String> names() {
    return Resources.sha256sums(DIR + "SHA256SUMS").keySet().stream()
        .filter(p -> p.startsWith("objects/") && p.endsWith(".bpf.o"))
        .map(p -> p.substring("objects/".length(), p.length() - ".bpf.o".length()))
        .sorted()
        .toList();
  }

  /** A real file holding the object {@code NAME.bpf.o}. */
  public static Path objectPath(String name) {
    return Resources.path(DIR + "objects/" + name + ".bpf.o");
  }

  /**
   * bpftool's blob for {@code name}: mode {@link Fixtures#PLAIN}, {@link Fixtures#SIGNED} or
   * {@link Fixtures#SIGNED_7_3} (bpftool-7.3's), part insns, data or (signed) sig.
   */
  public static byte[] golden(String name, String mode, String part) {
    return Resources.bytes(DIR + "golden/" + name + "/" + mode + "/" + part + ".bin");
  }

  /** The target profile of the host the goldens were made on (kallsyms cut to the objects' undefined symbols). */
  public static Path referenceHost() {
    return Resources.path(DIR + "reference-host.json");
  }

  /** A real-world object over the loader's limits (33 program-fd slots), which bpftool still turns into a loader. */
  public static Path overLimitObject() {
    return Resources.path(DIR + "over-limit/memleak.bpf.o");
  }

  /**
   * A real-world object bpftool 7.8 refuses (the kernel selftest {@code fentry_test}: its section
   * {@code fentry.ftrace/} is unknown to libbpf 1.8, so two programs have no type).
   */
  public static Path bpftoolRefusedObject() {
    return Resources.path(DIR + "over-limit/fentry_test.bpf.o");
  }

  /** bpftool's plain light skeleton of {@link #overLimitObject()}. */
  public static Path overLimitHeader() {
    return Resources.path(DIR + "over-limit/memleak.plain.lskel.h");
  }
}
