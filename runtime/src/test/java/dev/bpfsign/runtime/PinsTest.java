package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinning creates one bpffs entry per object and leaves nothing behind on failure or unpin. */
class PinsTest {
  private Path dir;

  @BeforeEach
  void kernel() {
    dir = Bpffs.DEFAULT_MOUNT.resolve("bpfsign-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    KernelTests.requireBpffs();
  }

  @AfterEach
  void cleanUp() throws IOException {
    if (dir != null && Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void pinAll_bpffsDirectory_pinsEveryObjectAndUnpinRemovesThem() throws Exception {
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("core_relos"), LoadOptions.DEFAULT, false)) {
      List<Pins.Pin> pins = Pins.pinAll(objects, dir);
      assertThat(pins).hasSize(objects.all().size());
      assertThat(pins).allSatisfy(p -> assertThat(p.path()).exists());
      assertThat(pins.getFirst().path()).isEqualTo(dir.resolve("maps").resolve(objects.maps().getFirst().name()));
      Pins.unpin(pins);
      assertThat(pins).allSatisfy(p -> assertThat(p.path()).doesNotExist());
    }
  }

  @Test
  void pinAll_somethingAlreadyPinned_failsAndLeavesOnlyWhatWasThere() throws Exception {
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("core_relos"), LoadOptions.DEFAULT, false)) {
      List<Pins.Pin> first = Pins.pinAll(objects, dir);
      assertThatThrownBy(() -> Pins.pinAll(objects, dir))
          .isInstanceOf(KernelRefusedException.class)
          .hasMessageContaining("EEXIST");
      assertThat(first).allSatisfy(p -> assertThat(p.path()).exists());
      Pins.unpin(first);
    }
  }

  @Test
  void pinAll_directoryOutsideBpffs_isBadInputAndPinsNothing(@TempDir Path tmp) throws Exception {
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("core_relos"), LoadOptions.DEFAULT, false)) {
      assertThatThrownBy(() -> Pins.pinAll(objects, tmp.resolve("pins")))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("not in a BPF file system");
      assertThat(tmp.resolve("pins")).doesNotExist();
    }
  }
}
