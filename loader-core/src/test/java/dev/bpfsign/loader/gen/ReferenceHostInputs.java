package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.testdata.Fixtures;
import java.util.Map;

/**
 * The values bpftool took from the reference host when it made the goldens (docs/testdata.md,
 * "Inputs taken from the generating machine"): Linux 6.18.44's version and the Kconfig lines the
 * {@code kconfig} fixture reads, and the kallsyms address of {@code bpf_prog_put}, the one strong
 * typeless ksym (read off the golden blob's copy of the {@code ld_imm64}). bpfsign never reads
 * them from the machine it runs on; they are inputs like the object.
 */
public final class ReferenceHostInputs {
  static final int KERNEL_VERSION = 6 << 16 | 18 << 8 | 44;
  static final String KCONFIG = String.join("\n",
      "CONFIG_HZ=250",
      "CONFIG_BPF_SYSCALL=y",
      "CONFIG_NET_CLS_BPF=y",
      "CONFIG_DEFAULT_HOSTNAME=\"(none)\"",
      "");
  static final Map<String, Long> KALLSYMS = Map.of("bpf_prog_put", 0xffffffff814e61b0L);
  /** The bpftool-7.3 goldens were made on a later boot of the same kernel (KASLR moved it). */
  static final Map<String, Long> KALLSYMS_7_3 = Map.of("bpf_prog_put", 0xffffffff814d58f0L);

  private ReferenceHostInputs() {}

  /** The inputs for a fixture: its name (the goldens pass it as bpftool's {@code name}) and the host's values. */
  public static GenInputs of(String fixture) {
    return of(fixture, Fixtures.SIGNED);
  }

  /** The inputs of one golden mode ({@link Fixtures#SIGNED_7_3} was made on another boot). */
  public static GenInputs of(String fixture, String goldenMode) {
    GenInputs in = GenInputs.named(fixture);
    return switch (fixture) {
      case Fixtures.KCONFIG -> in.withKconfig(KCONFIG).withKernelVersion(KERNEL_VERSION);
      case Fixtures.KFUNCS_KSYMS ->
          in.withKallsyms(goldenMode.equals(Fixtures.SIGNED_7_3) ? KALLSYMS_7_3 : KALLSYMS);
      default -> in;
    };
  }
}
