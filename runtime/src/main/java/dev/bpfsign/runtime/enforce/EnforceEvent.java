package dev.bpfsign.runtime.enforce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One decision on a userspace BPF_PROG_LOAD, as the program reports it through its ring buffer
 * ({@code struct event} of enforce.bpf.c, 72 bytes).
 */
public record EnforceEvent(long cgroupId, int pid, int uid, int progType, int keyringId, int signatureSize,
    Decision decision, Reason reason, String comm, String progName) {
  public static final int SIZE = 72;

  /** What the policy did. */
  public enum Decision {
    ALLOWED("allowed"), REFUSED("refused"), WOULD_REFUSE("would-refuse");

    private final String label;

    Decision(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Why (enum reason of enforce.bpf.c). */
  public enum Reason {
    SIGNED(1, "signed, allowed keyring"),
    CGROUP(2, "allowed cgroup"),
    TYPE(3, "allowed program type"),
    UNSIGNED(10, "no signature"),
    KEYRING(11, "keyring not allowed"),
    OUTSIDE(12, "outside the admission cgroup"),
    NO_POLICY(13, "no policy set"),
    UNKNOWN(-1, "unknown");

    private final int code;
    private final String text;

    Reason(int code, String text) {
      this.code = code;
      this.text = text;
    }

    public String text() {
      return text;
    }

    static Reason of(int code) {
      for (Reason r : values()) {
        if (r.code == code) {
          return r;
        }
      }
      return UNKNOWN;
    }
  }

  public boolean signed() {
    return signatureSize > 0;
  }

  public static EnforceEvent decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    int decision = b.getInt(28);
    return new EnforceEvent(b.getLong(0), b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20), b.getInt(24),
        decision >= 0 && decision < Decision.values().length ? Decision.values()[decision] : Decision.REFUSED,
        Reason.of(b.getInt(32)), cString(bytes, 40, 16), cString(bytes, 56, 16));
  }

  private static String cString(byte[] b, int off, int max) {
    int n = 0;
    while (n < max && off + n < b.length && b[off + n] != 0) {
      n++;
    }
    return new String(b, off, n, StandardCharsets.UTF_8);
  }
}
