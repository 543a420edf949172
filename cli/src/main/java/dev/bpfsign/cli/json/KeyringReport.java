package dev.bpfsign.cli.json;

import java.util.List;

/** {@code bpfsign keyring add|list --json} (docs/schemas/keyring-add.v1, keyring-list.v1). */
public final class KeyringReport {
  private KeyringReport() {}

  /**
   * @param keyring the serial of the keyring the key went into (negative for a special keyring)
   * @param keyringName its description, when the kernel gives one
   * @param key the new key's serial
   * @param description the key's description, which the kernel derives from the certificate
   * @param loadWith the option that loads against this keyring
   */
  public record Added(String schema, int keyring, String keyringName, int key, String description, String loadWith)
      implements Document {
    public static final String SCHEMA = "bpfsign.keyring-add/v1";

    public Added(int keyring, String keyringName, int key, String description, String loadWith) {
      this(SCHEMA, keyring, keyringName, key, description, loadWith);
    }
  }

  /** The keys of one keyring, in the kernel's order. */
  public record Listed(String schema, List<Key> keys) implements Document {
    public static final String SCHEMA = "bpfsign.keyring-list/v1";

    public Listed(List<Key> keys) {
      this(SCHEMA, keys);
    }
  }

  public record Key(int serial, String type, String description) {}
}
