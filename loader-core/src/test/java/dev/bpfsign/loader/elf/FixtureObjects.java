package dev.bpfsign.loader.elf;

import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The checked-in BPF fixture objects ({@link Fixtures}), parsed. */
public final class FixtureObjects {
  private FixtureObjects() {}

  /** Every fixture object, including those bpftool refuses. */
  public static final List<String> NAMES = Fixtures.objects();

  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  /** A fresh copy of {@code NAME.bpf.o} (callers may mutate it). */
  public static byte[] object(String name) {
    return CACHE.computeIfAbsent(name, Fixtures::object).clone();
  }

  public static ElfFile parse(String name) {
    try {
      return ElfFile.parse(name + ".bpf.o", object(name));
    } catch (ElfFormatException e) {
      throw new AssertionError(e);
    }
  }
}
