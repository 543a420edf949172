package dev.bpfsign.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed corpora for the fuzz tests: named inputs taken from the fixtures, plus corruptions of them
 * drawn from a fixed random seed, so that the regular (non-fuzzing) test run replays the same
 * hostile inputs on every build and on every machine.
 *
 * <p>A corruption overwrites 1 to 8 bytes (a third of them in the first 64 bytes and a third in
 * the last 4 KiB, where headers and tables live; values biased towards 0, 0xff, 0x7f and 0x80,
 * the ones that break length and offset arithmetic) or truncates the input. The fuzzer itself
 * finds far more; these keep what the earlier random property tests checked in every build.
 */
public final class FuzzSeeds {
  private static final int[] INTERESTING = {0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe};

  private final Map<String, byte[]> seeds = new LinkedHashMap<>();

  private FuzzSeeds() {}

  public static FuzzSeeds create() {
    return new FuzzSeeds();
  }

  /** Adds one named seed (a fixture, verbatim). */
  public FuzzSeeds add(String name, byte[] bytes) {
    seeds.put(name, bytes.clone());
    return this;
  }

  /** The seeds added so far, in order of addition. */
  public Map<String, byte[]> seeds() {
    return java.util.Collections.unmodifiableMap(seeds);
  }

  /**
   * The seeds followed by {@code count} corruptions of them (round robin over the seeds),
   * named {@code SEED~N}; the same list for the same seeds and {@code randomSeed}.
   */
  public Map<String, byte[]> withCorruptions(int count, long randomSeed) {
    Map<String, byte[]> out = new LinkedHashMap<>(seeds);
    List<Map.Entry<String, byte[]>> bases = new ArrayList<>(seeds.entrySet());
    Random random = new Random(randomSeed);
    for (int i = 0; i < count && !bases.isEmpty(); i++) {
      Map.Entry<String, byte[]> base = bases.get(i % bases.size());
      out.put(base.getKey() + "~" + i, corrupt(base.getValue(), random));
    }
    return out;
  }

  /** The seeds and their corruptions as named arguments of a {@code @MethodSource}. */
  public Stream<Arguments> arguments(int corruptions, long randomSeed) {
    return withCorruptions(corruptions, randomSeed).entrySet().stream()
        .map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
  }

  /** One corruption of {@code input} (never the input itself when it is not empty). */
  static byte[] corrupt(byte[] input, Random random) {
    if (input.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    if (random.nextInt(4) == 0) {
      return Arrays.copyOf(input, random.nextInt(input.length));
    }
    byte[] out = input.clone();
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits; e++) {
      int at = switch (random.nextInt(3)) {
        case 0 -> random.nextInt(Math.min(64, out.length));
        case 1 -> out.length - 1 - random.nextInt(Math.min(4096, out.length));
        default -> random.nextInt(out.length);
      };
      int value = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextInt(256);
      out[at] = (byte) (value == (out[at] & 0xff) ? value ^ 0x01 : value);
    }
    return out;
  }
}
