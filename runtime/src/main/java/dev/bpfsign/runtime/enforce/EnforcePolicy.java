package dev.bpfsign.runtime.enforce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The policy the BPF program reads from its {@code policy} map; {@link #encode()} writes
 * {@code struct policy} of runtime/src/main/bpf/enforce.bpf.c byte for byte.
 *
 * @param keyrings the keyring ids a signed userspace load may name (kernel-verified mode)
 * @param allowCgroups cgroups (and their descendants) whose loads are allowed: the admission service
 * @param allowTypes program types (uapi numbers, below 64) that are always allowed
 * @param installedAt seconds since the epoch when the policy was installed
 */
public record EnforcePolicy(EnforceMode mode, boolean audit, List<Integer> keyrings, List<AllowedCgroup> allowCgroups,
    List<Integer> allowTypes, long installedAt) {
  public static final int MAX_KEYRINGS = 8;
  public static final int MAX_CGROUPS = 8;
  /** {@code sizeof(struct policy)}. */
  public static final int SIZE = 160;

  /** A cgroup the policy allows, as the program sees it. */
  public record AllowedCgroup(long id, int level) {}

  public EnforcePolicy {
    Objects.requireNonNull(mode, "mode");
    keyrings = List.copyOf(keyrings);
    allowCgroups = List.copyOf(allowCgroups);
    allowTypes = List.copyOf(allowTypes);
    if (keyrings.size() > MAX_KEYRINGS || allowCgroups.size() > MAX_CGROUPS) {
      throw new IllegalArgumentException("at most " + MAX_KEYRINGS + " keyrings and " + MAX_CGROUPS + " cgroups");
    }
    for (int t : allowTypes) {
      if (t < 0 || t >= 64) {
        throw new IllegalArgumentException("program type " + t + " is outside 0..63");
      }
    }
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
    b.putInt(0, mode.code());
    b.putInt(4, audit ? 1 : 0);
    b.putInt(8, keyrings.size());
    b.putInt(12, allowCgroups.size());
    for (int i = 0; i < keyrings.size(); i++) {
      b.putInt(16 + 4 * i, keyrings.get(i));
    }
    for (int i = 0; i < allowCgroups.size(); i++) {
      b.putInt(48 + 4 * i, allowCgroups.get(i).level());
      b.putLong(80 + 8 * i, allowCgroups.get(i).id());
    }
    long mask = 0;
    for (int t : allowTypes) {
      mask |= 1L << t;
    }
    b.putLong(144, mask);
    b.putLong(152, installedAt);
    return b.array();
  }

  public static EnforcePolicy decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    List<Integer> keyrings = new ArrayList<>();
    for (int i = 0; i < Math.min(b.getInt(8), MAX_KEYRINGS); i++) {
      keyrings.add(b.getInt(16 + 4 * i));
    }
    List<AllowedCgroup> cgroups = new ArrayList<>();
    for (int i = 0; i < Math.min(b.getInt(12), MAX_CGROUPS); i++) {
      cgroups.add(new AllowedCgroup(b.getLong(80 + 8 * i), b.getInt(48 + 4 * i)));
    }
    List<Integer> types = new ArrayList<>();
    long mask = b.getLong(144);
    for (int t = 0; t < 64; t++) {
      if ((mask >>> t & 1) != 0) {
        types.add(t);
      }
    }
    return new EnforcePolicy(EnforceMode.ofCode(b.getInt(0)), b.getInt(4) != 0, keyrings, cgroups, types,
        b.getLong(152));
  }
}
