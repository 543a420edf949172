package dev.bpfsign.verifier;

import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ManifestBtf;
import dev.bpfsign.loader.emu.ManifestMap;
import dev.bpfsign.loader.emu.ManifestProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changes between two loaders' manifests: programs and maps added or removed (matched by
 * name), and for each kept one the properties that differ. Output order is deterministic:
 * BTF, then programs in the new loader's order (removed ones last), then maps likewise.
 */
public final class ManifestDiff {
  private ManifestDiff() {}

  public static List<ManifestChange> between(Manifest a, Manifest b) {
    List<ManifestChange> out = new ArrayList<>();
    btf(a.btf(), b.btf(), out);
    Map<String, ManifestProgram> oldProgs = byName(a.programs(), p -> p.name() != null ? p.name() : p.kernelName());
    Map<String, ManifestProgram> newProgs = byName(b.programs(), p -> p.name() != null ? p.name() : p.kernelName());
    newProgs.forEach((name, p) -> {
      ManifestProgram old = oldProgs.get(name);
      if (old == null) {
        out.add(new ManifestChange("program.added", "program " + name, null, describe(p), true));
      } else {
        program("program " + name, old, p, out);
      }
    });
    oldProgs.forEach((name, p) -> {
      if (!newProgs.containsKey(name)) {
        out.add(new ManifestChange("program.removed", "program " + name, describe(p), null, false));
      }
    });
    Map<String, ManifestMap> oldMaps = byName(a.maps(), m -> m.name() != null ? m.name() : m.kernelName());
    Map<String, ManifestMap> newMaps = byName(b.maps(), m -> m.name() != null ? m.name() : m.kernelName());
    newMaps.forEach((name, m) -> {
      ManifestMap old = oldMaps.get(name);
      if (old == null) {
        out.add(new ManifestChange("map.added", "map " + name, null, describe(m), true));
      } else {
        map("map " + name, old, m, out);
      }
    });
    oldMaps.forEach((name, m) -> {
      if (!newMaps.containsKey(name)) {
        out.add(new ManifestChange("map.removed", "map " + name, describe(m), null, false));
      }
    });
    return List.copyOf(out);
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) {
      m.putIfAbsent(String.valueOf(name.apply(t)), t);
    }
    return m;
  }

  private static void btf(ManifestBtf a, ManifestBtf b, List<ManifestChange> out) {
    String from = a == null ? null : a.size() + " bytes sha256 " + a.sha256();
    String to = b == null ? null : b.size() + " bytes sha256 " + b.sha256();
    if (!Objects.equals(from, to)) {
      out.add(new ManifestChange("btf", "btf", from, to, false));
    }
  }

  private static void program(String subject, ManifestProgram a, ManifestProgram b, List<ManifestChange> out) {
    change(out, "program.type", subject, a.typeName(), b.typeName(), false);
    change(out, "program.expected_attach_type", subject, a.expectedAttachTypeName(), b.expectedAttachTypeName(), true);
    change(out, "program.attach_target", subject, a.attachTarget(), b.attachTarget(), b.attachTarget() != null);
    change(out, "program.license", subject, a.license(), b.license(), false);
    change(out, "program.insn_count", subject, String.valueOf(a.insnCount()), String.valueOf(b.insnCount()), false);
    set(out, "program.helper", subject, a.helpers(), b.helpers());
    set(out, "program.kfunc", subject, a.kfuncs(), b.kfuncs());
    set(out, "program.ksym", subject, a.ksyms(), b.ksyms());
  }

  private static void map(String subject, ManifestMap a, ManifestMap b, List<ManifestChange> out) {
    change(out, "map.type", subject, a.typeName(), b.typeName(), false);
    change(out, "map.key_size", subject, String.valueOf(a.keySize()), String.valueOf(b.keySize()),
        Integer.compareUnsigned(b.keySize(), a.keySize()) > 0);
    change(out, "map.value_size", subject, String.valueOf(a.valueSize()), String.valueOf(b.valueSize()),
        Integer.compareUnsigned(b.valueSize(), a.valueSize()) > 0);
    change(out, "map.max_entries", subject, Integer.toUnsignedString(a.maxEntries()), Integer.toUnsignedString(b.maxEntries()),
        Integer.compareUnsigned(b.maxEntries(), a.maxEntries()) > 0);
    change(out, "map.flags", subject, "0x" + Integer.toHexString(a.flags()), "0x" + Integer.toHexString(b.flags()), false);
    change(out, "map.frozen", subject, String.valueOf(a.frozen()), String.valueOf(b.frozen()), a.frozen() && !b.frozen());
    change(out, "map.initial_value", subject, a.initialValueSha256(), b.initialValueSha256(), false);
    change(out, "map.inner_map", subject, a.innerMap(), b.innerMap(), false);
  }

  private static void change(List<ManifestChange> out, String kind, String subject, String from, String to, boolean widens) {
    if (!Objects.equals(from, to)) {
      out.add(new ManifestChange(kind, subject, from, to, widens));
    }
  }

  private static void set(List<ManifestChange> out, String kind, String subject, List<String> a, List<String> b) {
    for (String added : new TreeSet<>(b)) {
      if (!a.contains(added)) {
        out.add(new ManifestChange(kind + ".added", subject, null, added, true));
      }
    }
    for (String removed : new TreeSet<>(a)) {
      if (!b.contains(removed)) {
        out.add(new ManifestChange(kind + ".removed", subject, removed, null, false));
      }
    }
  }

  private static String describe(ManifestProgram p) {
    return (p.typeName() != null ? p.typeName() : "type " + p.type())
        + (p.attachTarget() != null ? " " + p.attachTarget() : "") + ", " + p.insnCount() + " insns, helpers " + p.helpers()
        + (p.kfuncs().isEmpty() ? "" : ", kfuncs " + p.kfuncs());
  }

  private static String describe(ManifestMap m) {
    return (m.typeName() != null ? m.typeName() : "type " + m.type()) + " key " + m.keySize() + " value " + m.valueSize()
        + " max_entries " + Integer.toUnsignedString(m.maxEntries());
  }
}
