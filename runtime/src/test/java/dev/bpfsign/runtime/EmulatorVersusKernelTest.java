package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.emu.Emulation;
import dev.bpfsign.loader.emu.Emulator;
import dev.bpfsign.loader.emu.KernelCall;
import dev.bpfsign.loader.emu.RecordingKernel;
import dev.bpfsign.loader.file.LoaderFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every fixture bpftool's loader loads here: the emulator, answering BTF lookups from this
 * kernel's vmlinux BTF, predicts exactly the maps and programs the kernel then reports for the
 * same loader through BPF_OBJ_GET_INFO_BY_FD — names, types, key/value sizes, max_entries.
 */
class EmulatorVersusKernelTest {
  /** What one created object looks like, from either side. */
  record Shape(String kind, String name, int type, int keySize, int valueSize, int maxEntries) {}

  private static VmlinuxSymbols vmlinux; // parsed once: it is megabytes

  @BeforeEach
  void kernel() {
    KernelTests.requireBpf();
    KernelTests.require(Files.isReadable(VmlinuxSymbols.DEFAULT_BTF), VmlinuxSymbols.DEFAULT_BTF + " (CONFIG_DEBUG_INFO_BTF)");
  }

  static Stream<String> loadableFixtures() {
    return GoldenFixturesKernelTest.loaders()
        .map(a -> (String) a.get()[0]).distinct()
        .filter(f -> !GoldenFixturesKernelTest.BPFTOOL_LOADALL_ERRNO.containsKey(f));
  }

  @ParameterizedTest
  @MethodSource("loadableFixtures")
  void emulation_vmlinuxBtf_predictsTheObjectsTheKernelCreates(String fixture) throws Exception {
    LoaderFile loader = GoldenLoaders.signed(fixture);
    if (vmlinux == null) {
      vmlinux = VmlinuxSymbols.read(VmlinuxSymbols.DEFAULT_BTF);
    }
    RecordingKernel sim = new RecordingKernel(vmlinux);
    Emulation emulation = Emulator.run(loader, sim, Emulator.DEFAULT_STEP_LIMIT);
    assertThat(emulation.succeeded()).as("emulated r0 %d", emulation.r0()).isTrue();
    List<Shape> predicted = new ArrayList<>();
    for (int fd : emulation.mapFds()) {
      KernelCall.MapCreate c = ((RecordingKernel.BpfMap) sim.openObjects().get(fd)).create();
      predicted.add(new Shape("map", c.mapName(), c.mapType(), c.keySize(), c.valueSize(), c.maxEntries()));
    }
    for (int fd : emulation.progFds()) {
      KernelCall.ProgLoad p = ((RecordingKernel.Prog) sim.openObjects().get(fd)).load();
      predicted.add(new Shape("program", p.progName(), p.progType(), 0, 0, 0));
    }
    List<Shape> actual = new ArrayList<>();
    try (LoadedObjects objects = LoadSequence.run(loader, LoadOptions.DEFAULT, false)) {
      for (ObjectDescription d : objects.describe()) {
        actual.add(new Shape(d.kind().label(), d.kernelName(), d.type(), d.keySize(), d.valueSize(), d.maxEntries()));
      }
    }
    assertThat(actual).containsExactlyElementsOf(predicted);
  }
}
