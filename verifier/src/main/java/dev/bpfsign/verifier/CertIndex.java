package dev.bpfsign.verifier;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Certificates indexed the way the kernel matches a CMS signer to a key: by subjectKeyIdentifier
 * or by issuer and serial number. Lookups return candidates in insertion order.
 */
final class CertIndex {
  private final List<X509Certificate> all;
  private final List<CertIds> ids;
  private final Map<String, List<Integer>> bySkid = new HashMap<>();
  private final Map<String, List<Integer>> byIssuerSerial = new HashMap<>();
  private final Map<String, Integer> byFingerprint = new HashMap<>();

  CertIndex(List<X509Certificate> certs) {
    this.all = List.copyOf(certs);
    List<CertIds> list = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      X509Certificate c = all.get(i);
      CertIds id = CertIds.of(c);
      list.add(id);
      final int index = i;
      id.skid().ifPresent(s -> bySkid.computeIfAbsent(s, k -> new ArrayList<>()).add(index));
      byIssuerSerial.computeIfAbsent(issuerSerial(c.getIssuerX500Principal(), c.getSerialNumber()),
          k -> new ArrayList<>()).add(index);
      byFingerprint.putIfAbsent(id.fingerprint(), index);
    }
    this.ids = List.copyOf(list);
  }

  static String issuerSerial(X500Principal issuer, BigInteger serial) {
    return issuer.getName(X500Principal.CANONICAL) + "#" + serial.toString(16);
  }

  List<X509Certificate> certificates() {
    return all;
  }

  CertIds ids(int index) {
    return ids.get(index);
  }

  List<Integer> bySkid(String skidHex) {
    return bySkid.getOrDefault(skidHex, List.of());
  }

  List<Integer> byIssuerSerial(X500Principal issuer, BigInteger serial) {
    return byIssuerSerial.getOrDefault(issuerSerial(issuer, serial), List.of());
  }

  boolean contains(String fingerprint) {
    return byFingerprint.containsKey(fingerprint);
  }

  X509Certificate get(int index) {
    return all.get(index);
  }
}
