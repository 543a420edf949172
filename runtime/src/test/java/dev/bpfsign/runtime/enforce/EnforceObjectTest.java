package dev.bpfsign.runtime.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfMember;
import dev.bpfsign.loader.btf.BtfType;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.file.LoaderFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bpfsign's BPF LSM object: the checked-in object is the build of the checked-in source
 * (PROVENANCE, written by build.sh), the jar ships that object, and the Java mirror of
 * {@code struct policy} agrees with the object's own BTF. ({@code struct event} has no BTF in
 * the object, being used only inside the programs; the VM test decodes real events.)
 */
class EnforceObjectTest {
  static final Path BPF = Path.of("src/main/bpf");

  @Test
  void checkedInObject_isTheBuildOfTheCheckedInSource() throws Exception {
    Map<String, String> recorded = new LinkedHashMap<>();
    for (String line : Files.readAllLines(BPF.resolve("PROVENANCE"))) {
      String[] f = line.split("\\s+");
      if (f.length == 2 && f[0].matches("[0-9a-f]{64}")) {
        recorded.put(f[1], f[0]);
      }
    }
    assertThat(recorded).containsOnlyKeys("enforce.bpf.c", "enforce.bpf.o");
    for (var e : recorded.entrySet()) {
      assertThat(sha256(Files.readAllBytes(BPF.resolve(e.getKey()))))
          .as("%s differs from PROVENANCE: rebuild with runtime/src/main/bpf/build.sh", e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(EnforceProgram.object()).isEqualTo(Files.readAllBytes(BPF.resolve("enforce.bpf.o")));
  }

  @Test
  void loader_hasTheThreeMapsAndBothPrograms() {
    LoaderFile loader = EnforceProgram.loader();
    assertThat(loader.ctx().maps()).containsExactly("policy", "counters", "events");
    assertThat(loader.ctx().programs()).containsExactly("enforce_host", "enforce_cgroup");
    assertThat(EnforceProgram.isLoader(loader)).isTrue();
  }

  @Test
  void policyLayout_matchesTheObjectsBtf() throws Exception {
    Map<String, Integer> offsets = memberOffsets("policy");
    assertThat(offsets).containsExactly(Map.entry("mode", 0), Map.entry("audit", 4), Map.entry("keyring_count", 8),
        Map.entry("cgroup_count", 12), Map.entry("keyrings", 16), Map.entry("cgroup_levels", 48),
        Map.entry("cgroup_ids", 80), Map.entry("type_exceptions", 144), Map.entry("installed_at", 152));
    assertThat(structSize("policy")).isEqualTo(EnforcePolicy.SIZE);

    EnforcePolicy p = new EnforcePolicy(EnforceMode.KERNEL_VERIFIED, true, List.of(0, 123456), List.of(
        new EnforcePolicy.AllowedCgroup(777, 2)), List.of(8, 15), 1_700_000_000L);
    ByteBuffer b = ByteBuffer.wrap(p.encode()).order(ByteOrder.nativeOrder());
    assertThat(b.getInt(offsets.get("mode"))).isEqualTo(1);
    assertThat(b.getInt(offsets.get("keyring_count"))).isEqualTo(2);
    assertThat(b.getInt(offsets.get("keyrings") + 4)).isEqualTo(123456);
    assertThat(b.getLong(offsets.get("cgroup_ids"))).isEqualTo(777);
    assertThat(b.getInt(offsets.get("cgroup_levels"))).isEqualTo(2);
    assertThat(b.getLong(offsets.get("type_exceptions"))).isEqualTo((1L << 8) | (1L << 15));
    assertThat(EnforcePolicy.decode(p.encode())).isEqualTo(p);
  }

  private static BtfType struct(String name) throws Exception {
    Btf btf = Btf.read(ElfFile.parse("enforce.bpf.o", EnforceProgram.object())).orElseThrow();
    for (int id = 1; id < btf.typeCount(); id++) {
      BtfType t = btf.type(id);
      if (t.kind() == dev.bpfsign.loader.btf.BtfKind.STRUCT && t.name().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no struct " + name + " in the object's BTF");
  }

  private static Map<String, Integer> memberOffsets(String name) throws Exception {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (BtfMember m : struct(name).members()) {
      out.put(m.name(), m.bitOffset() / 8);
    }
    return out;
  }

  private static int structSize(String name) throws Exception {
    return struct(name).size();
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
