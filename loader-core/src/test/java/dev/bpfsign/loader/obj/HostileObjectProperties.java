package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Corrupted objects are refused with {@link BadInputException} (one line naming what and where),
 * never with another exception: any byte of a real object may be overwritten.
 */
class HostileObjectProperties {
  private static final List<String> SMALL = List.of(
      Fixtures.MAPS_BASIC, Fixtures.SUBPROGS, Fixtures.MAP_IN_MAP, Fixtures.GLOBAL_DATA, Fixtures.TAILCALLS, Fixtures.KCONFIG);

  private static List<long[]> targets(byte[] image) {
    List<long[]> out = new java.util.ArrayList<>();
    out.add(new long[] {0, image.length});
    try {
      for (var sh : dev.bpfsign.loader.elf.ElfFile.parse("t", image).sections()) {
        if (!sh.name().startsWith(".debug") && !sh.isNoBits() && sh.size() > 0) {
          out.add(new long[] {sh.offset(), sh.size()});
        }
      }
    } catch (BadInputException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Provide
  Arbitrary<String> fixtures() {
    return Arbitraries.of(SMALL);
  }

  @Property(tries = 1000)
  void read_corruptedBytes_failsOnlyWithBadInput(
      @ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 1, max = 8) int changes,
      @ForAll long seed) {
    byte[] image = Fixtures.object(fixture);
    java.util.Random r = new java.util.Random(seed);
    List<long[]> targets = targets(image);
    for (int i = 0; i < changes; i++) {
      // mostly inside the sections the generator reads (code, maps, BTF, symbols, relocations)
      long[] t = targets.get(r.nextInt(targets.size()));
      int at = (int) (t[0] + (t[1] == 0 ? 0 : Math.floorMod(r.nextLong(), t[1])));
      image[at] = (byte) r.nextInt(256);
    }
    GenInputs in = GenInputs.named(fixture).withKernelVersion(0x06122c)
        .withKconfig("CONFIG_HZ=250\nCONFIG_BPF_SYSCALL=y\nCONFIG_NET_CLS_BPF=y\n");
    assertThatCode(() -> {
      try {
        LoaderGenerator.generate(ObjectReader.read("fuzz.o", image, in), Mode.SIGNABLE);
      } catch (BadInputException expected) {
        // refused cleanly
      }
    }).doesNotThrowAnyException();
  }
}
