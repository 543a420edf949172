package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.runtime.kernel.Keys;
import dev.bpfsign.runtime.kernel.SyscallException;
import dev.bpfsign.verifier.Keyring;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provisions signer certificates into kernel keyrings, so that {@code BPF_PROG_LOAD} can verify
 * against them ({@code load --keyring SERIAL}). By default into a keyring named {@value #NAME}
 * linked to root's user keyring (it lives as long as the user does, not a login session); the
 * system keyrings take no certificates this way (the builtin one is fixed at build time, the
 * secondary one only takes certificates signed by a builtin key).
 */
public final class KernelKeyrings {
  /** The keyring bpfsign creates and reuses by default. */
  public static final String NAME = "bpfsign";

  /** A certificate added: to which keyring, as which key. */
  public record Added(int keyring, String keyringName, int key, String description) {}

  /** One key of a keyring. */
  public record Entry(int serial, String type, String description) {}

  private KernelKeyrings() {}

  /**
   * Adds the certificate (PEM or DER) to {@code target}, or to the {@value #NAME} keyring when
   * empty (created on first use).
   */
  public static Added add(byte[] certificate, String source, Optional<Keyring> target)
      throws BadInputException, KernelRefusedException {
    byte[] der = der(certificate, source);
    int keyring = target.isPresent() ? writable(target.get()) : ownKeyring(true);
    try {
      int key = Keys.addAsymmetric(null, der, keyring);
      return new Added(keyring, describeName(keyring), key, Keys.describe(key).description());
    } catch (SyscallException e) {
      String cause = switch (e.errno()) {
        case Errno.EBADMSG, Errno.EINVAL -> "the kernel could not parse " + source + " as an X.509 certificate";
        case Errno.ENOPKG -> "the kernel lacks the certificate's key or signature algorithm";
        case Errno.EACCES, Errno.EPERM -> "the keyring does not accept keys from this user";
        case Errno.ENOKEY -> "no such keyring";
        default -> "";
      };
      throw new KernelRefusedException("add " + source + " to keyring " + keyring, e.errno(), cause);
    }
  }

  /** The keys of {@code target}, or of the {@value #NAME} keyring (empty when it does not exist yet). */
  public static List<Entry> list(Optional<Keyring> target) throws BadInputException, KernelRefusedException {
    int keyring;
    if (target.isPresent()) {
      keyring = writable(target.get());
    } else {
      keyring = ownKeyring(false);
      if (keyring == 0) {
        return List.of();
      }
    }
    List<Entry> out = new ArrayList<>();
    try {
      for (int serial : Keys.read(keyring)) {
        Keys.Key k = Keys.describe(serial);
        out.add(new Entry(serial, k.type(), k.description()));
      }
    } catch (SyscallException e) {
      throw new KernelRefusedException("list keyring " + keyring, e.errno(), "");
    }
    return out;
  }

  /** The serial of the {@value #NAME} keyring; 0 when absent and {@code create} is false. */
  public static int ownKeyring(boolean create) throws KernelRefusedException {
    try {
      return Keys.searchKeyring(Keys.SPEC_USER_KEYRING, NAME);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ENOKEY && e.errno() != Errno.ENOENT) {
        throw new KernelRefusedException("look for keyring " + NAME, e.errno(), "");
      }
    }
    if (!create) {
      return 0;
    }
    try {
      return Keys.addKeyring(NAME, Keys.SPEC_USER_KEYRING);
    } catch (SyscallException e) {
      throw new KernelRefusedException("create keyring " + NAME, e.errno(), "");
    }
  }

  /** Whether {@code serial} names a keyring this process can see. */
  public static boolean isKeyring(int serial) {
    try {
      return Keys.describe(serial).type().equals("keyring");
    } catch (SyscallException e) {
      return false;
    }
  }

  private static int writable(Keyring k) throws BadInputException {
    if (k.id() >= 0 && k.id() <= 2) {
      throw new BadInputException("--keyring " + k.name() + ": a system keyring takes no certificates from bpfsign"
          + " (the builtin one is fixed when the kernel is built; the secondary one takes only certificates signed"
          + " by a builtin key); use the default keyring or a serial");
    }
    if (k.id() > 0 && !isKeyring((int) k.id())) {
      throw new BadInputException("--keyring " + k.id() + ": no keyring with that serial is visible here");
    }
    return (int) k.id();
  }

  private static String describeName(int keyring) {
    try {
      return Keys.describe(keyring).description();
    } catch (SyscallException e) {
      return "";
    }
  }

  private static byte[] der(byte[] certificate, String source) throws BadInputException {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      X509Certificate c = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(certificate));
      return c.getEncoded();
    } catch (CertificateException | RuntimeException e) {
      throw new BadInputException(source + ": not an X.509 certificate (PEM or DER)");
    }
  }
}
