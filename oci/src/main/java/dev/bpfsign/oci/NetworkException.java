package dev.bpfsign.oci;

import java.io.IOException;

/**
 * The registry could not be reached or did not answer as a registry should at the transport
 * level: refused or timed-out connections, names that do not resolve, TLS handshakes that fail,
 * 5xx answers. The command line gives it its own exit code, so a host can tell "try again later"
 * from "this artifact is bad". The message is one line naming the registry.
 */
public final class NetworkException extends IOException {
  public NetworkException(String message) {
    super(message);
  }

  public NetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
