package dev.bpfsign.verifier;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.io.DerShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads certificates and CRLs from files the user names: PEM files and bundles, DER files,
 * directories of them, and PKCS#12 stores. Every defect is one {@link BadInputException}
 * naming the file.
 */
public final class CertificateFiles {
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final List<String> CERT_EXTENSIONS = List.of(".pem", ".crt", ".cer", ".der", ".p12", ".pfx");
  private static final List<String> CRL_EXTENSIONS = List.of(".pem", ".crl", ".der");

  private CertificateFiles() {}

  static CertificateFactory x509() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("every JDK has an X.509 certificate factory", e);
    }
  }

  /** Certificates from every path (files, directories, PKCS#12), duplicates removed, in order. */
  public static List<X509Certificate> readCertificates(List<Path> paths, Optional<char[]> pkcs12Password)
      throws BadInputException {
    Map<String, X509Certificate> unique = new LinkedHashMap<>();
    for (Path path : paths) {
      for (X509Certificate c : certificatesOf(path, pkcs12Password)) {
        unique.putIfAbsent(CertIds.of(c).fingerprint(), c);
      }
    }
    return List.copyOf(unique.values());
  }

  /** CRLs from every path (PEM or DER files, directories of them), in order. */
  public static List<X509CRL> readCrls(List<Path> paths) throws BadInputException {
    List<X509CRL> crls = new ArrayList<>();
    for (Path path : paths) {
      List<Path> files = filesOf(path, CRL_EXTENSIONS);
      if (files.isEmpty()) {
        // fail closed: a --crl that holds no CRL would silently check no revocation
        throw new BadInputException(path + ": no CRL files in this directory (" + String.join(", ", CRL_EXTENSIONS) + ")");
      }
      for (Path f : files) {
        crls.addAll(crlsOf(f));
      }
    }
    return List.copyOf(crls);
  }

  private static List<X509Certificate> certificatesOf(Path path, Optional<char[]> password) throws BadInputException {
    List<X509Certificate> all = new ArrayList<>();
    for (Path f : filesOf(path, CERT_EXTENSIONS)) {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".p12") || name.endsWith(".pfx")) {
        all.addAll(pkcs12(f, password));
      } else {
        all.addAll(pemOrDer(f));
      }
    }
    if (all.isEmpty()) {
      throw new BadInputException(path + ": no certificates found");
    }
    return all;
  }

  /** The file itself, or a directory's files with one of the extensions (sorted by name). */
  private static List<Path> filesOf(Path path, List<String> extensions) throws BadInputException {
    if (!Files.exists(path)) {
      throw new BadInputException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      List<Path> files = new ArrayList<>(entries
          .filter(Files::isRegularFile)
          .filter(p -> extensions.stream().anyMatch(
              e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
          .toList());
      Collections.sort(files);
      return files;
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot list directory: " + (e instanceof java.nio.file.AccessDeniedException
          ? "permission denied" : oneLine(e)), e);
    }
  }

  private static byte[] read(Path f) throws BadInputException {
    try {
      return Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new BadInputException(f + ": no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new BadInputException(f + ": cannot read: permission denied", e);
    } catch (IOException e) {
      // NIO's message repeats the path; its reason alone is what went wrong
      throw new BadInputException(f + ": cannot read: " + (e instanceof java.nio.file.FileSystemException fs
          && fs.getReason() != null ? fs.getReason() : oneLine(e)), e);
    }
  }

  /**
   * The base64 bodies of the PEM blocks with one of the given labels. A block is {@code
   * -----BEGIN LABEL-----}, a body of base64 and whitespace only, {@code -----END LABEL-----}
   * (the same label); anything else (text between blocks, blocks with headers) is passed over.
   * A scan rather than a regular expression: it runs once per file on every cold start.
   */
  private static List<byte[]> pemBlocks(String f, String text, List<String> labels) throws BadInputException {
    List<byte[]> blocks = new ArrayList<>();
    int from = 0;
    int begin;
    while ((begin = text.indexOf(BEGIN, from)) >= 0) {
      int labelStart = begin + BEGIN.length();
      int labelEnd = text.indexOf(DASHES, labelStart);
      if (labelEnd < 0) {
        break;
      }
      from = labelStart;
      String label = text.substring(labelStart, labelEnd);
      if (!isLabel(label)) {
        continue;
      }
      String end = "-----END " + label + DASHES;
      int bodyStart = labelEnd + DASHES.length();
      int bodyEnd = text.indexOf(end, bodyStart);
      if (bodyEnd < 0 || !isBase64Body(text, bodyStart, bodyEnd)) {
        continue;
      }
      from = bodyEnd + end.length();
      if (labels.contains(label)) {
        try {
          blocks.add(Base64.getMimeDecoder().decode(text.substring(bodyStart, bodyEnd)));
        } catch (IllegalArgumentException e) {
          throw new BadInputException(f + ": PEM " + label + " block is not valid base64", e);
        }
      }
    }
    return blocks;
  }

  private static boolean isLabel(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64Body(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/' || c == '=';
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
      if (!base64 && !space) {
        return false;
      }
    }
    return true;
  }


  private static boolean isPem(byte[] bytes) {
    return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
  }

  private static List<X509Certificate> pemOrDer(Path f) throws BadInputException {
    return certificates(read(f), f.toString());
  }

  /** The certificates of a PEM bundle or one DER certificate; {@code f} names the input in errors. */
  static List<X509Certificate> certificates(byte[] bytes, String f) throws BadInputException {
    List<byte[]> ders = isPem(bytes)
        ? pemBlocks(f, new String(bytes, StandardCharsets.ISO_8859_1), List.of("CERTIFICATE", "X509 CERTIFICATE"))
        : List.of(bytes);
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < ders.size(); i++) {
      certs.add(parseCertificate(ders.get(i), f + (ders.size() > 1 ? " certificate " + i : "")));
    }
    if (certs.isEmpty()) {
      throw new BadInputException(f + ": no CERTIFICATE block in this PEM file");
    }
    return certs;
  }

  /** Parses one DER certificate; {@code where} names it in the error. */
  static X509Certificate parseCertificate(byte[] der, String where) throws BadInputException {
    try {
      return (X509Certificate) x509().generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new BadInputException(where + ": not an X.509 certificate (" + DerShape.why(der) + ")", e);
    }
  }

  private static List<X509Certificate> pkcs12(Path f, Optional<char[]> password) throws BadInputException {
    byte[] bytes = read(f);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes), password.orElse(null));
      List<String> aliases = new ArrayList<>(Collections.list(ks.aliases()));
      Collections.sort(aliases);
      List<X509Certificate> certs = new ArrayList<>();
      for (String alias : aliases) {
        if (ks.getCertificate(alias) instanceof X509Certificate c) {
          certs.add(c);
        }
      }
      if (certs.isEmpty()) {
        throw new BadInputException(f + ": no readable certificate in this PKCS#12 store"
            + (password.isEmpty() ? " (no password given: encrypted entries cannot be read)" : ""));
      }
      return certs;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
        throw new BadInputException(f + ": cannot read PKCS#12 store: "
            + (password.isEmpty() ? "it needs a password (--trust-password-file)" : "wrong password"), e);
      }
      throw new BadInputException(f + ": not a PKCS#12 store (" + DerShape.why(bytes, false) + ")", e);
    }
  }

  private static List<X509CRL> crlsOf(Path f) throws BadInputException {
    return crls(read(f), f.toString());
  }

  /** The CRLs of a PEM file or one DER CRL; {@code f} names the input in errors. */
  static List<X509CRL> crls(byte[] bytes, String f) throws BadInputException {
    List<byte[]> ders = isPem(bytes)
        ? pemBlocks(f, new String(bytes, StandardCharsets.ISO_8859_1), List.of("X509 CRL"))
        : List.of(bytes);
    if (ders.isEmpty()) {
      throw new BadInputException(f + ": no X509 CRL block in this PEM file");
    }
    List<X509CRL> crls = new ArrayList<>();
    for (byte[] der : ders) {
      try {
        CRL crl = x509().generateCRL(new ByteArrayInputStream(der));
        crls.add((X509CRL) crl);
      } catch (java.security.cert.CRLException | RuntimeException e) {
        throw new BadInputException(f + ": not an X.509 CRL (" + DerShape.why(der) + ")", e);
      }
    }
    return crls;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
