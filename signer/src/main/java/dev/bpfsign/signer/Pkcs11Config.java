package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a SunPKCS11 configuration file ({@code --pkcs11 CONFIG}) before the JDK reads it, so
 * the usual mistakes are named in our words with the file and line: SunPKCS11's own messages
 * ("name must be specified", "Unknown keyword 'x', line 1", "invalid ELF header" glued to a
 * path) describe its parser and the dynamic loader, not the user's file.
 */
final class Pkcs11Config {
  /** A configuration is a few lines; anything larger is not one. */
  private static final long MAX_SIZE = 1 << 20;
  private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(\\([^)]*\\))?\\s*=\\s*(.*)");
  private static final Pattern UNKNOWN_KEYWORD = Pattern.compile("Unknown keyword '([^']*)', line (\\d+)");
  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

  private Pkcs11Config() {}

  /** Refuses, in one line, a configuration SunPKCS11 would refuse for a reason we can name. */
  static void check(Path config) throws BadInputException {
    if (Files.isDirectory(config)) {
      throw new BadInputException(config + ": is a directory, not a SunPKCS11 configuration file");
    }
    if (!Files.exists(config)) {
      throw new BadInputException(config + ": no such file (the SunPKCS11 configuration of --pkcs11)");
    }
    byte[] bytes;
    try {
      if (Files.size(config) > MAX_SIZE) {
        throw new BadInputException(config + ": larger than " + MAX_SIZE + " bytes; not a SunPKCS11 configuration");
      }
      bytes = Files.readAllBytes(config);
    } catch (IOException e) {
      throw new BadInputException(config + ": cannot read the PKCS#11 configuration"
          + (e instanceof java.nio.file.AccessDeniedException ? ": permission denied" : ""));
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new BadInputException(config + ": the file is empty; expected a SunPKCS11 configuration (name = …,"
          + " library = …)");
    }
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
        throw new BadInputException(config + String.format(": not a text file (control byte 0x%02x at offset %d);"
            + " expected a SunPKCS11 configuration (name = …, library = …)", b, i));
      }
    }
    String name = null;
    String library = null;
    int libraryLine = 0;
    boolean nss = false;
    int braces = 0;
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = stripComment(lines[n - 1]).strip();
      if (braces > 0 || line.isEmpty()) {
        braces = Math.max(0, braces + count(line, '{') - count(line, '}'));
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      if (!m.matches()) {
        throw new BadInputException(config + ":" + n + ": expected 'keyword = value', got " + Printable.quote(line));
      }
      String value = unquote(m.group(3).strip());
      switch (m.group(1)) {
        case "name" -> name = value;
        case "library" -> {
          library = value;
          libraryLine = n;
        }
        default -> nss |= m.group(1).startsWith("nss");
      }
      braces = Math.max(0, count(line, '{') - count(line, '}'));
    }
    if (name == null || name.isEmpty()) {
      throw new BadInputException(config + ": no 'name = …' line; a SunPKCS11 configuration names the token"
          + " (name) and its module (library = /path/to/module.so)");
    }
    if (nss) {
      return; // NSS's softoken mode names directories instead of a library
    }
    if (library == null || library.isEmpty()) {
      throw new BadInputException(config + ": no 'library = …' line naming the PKCS#11 module (e.g. library ="
          + " /usr/lib/softhsm/libsofthsm2.so)");
    }
    checkLibrary(config, libraryLine, library);
  }

  /** A library named by an absolute path (no ${property} to expand) must be an ELF file. */
  private static void checkLibrary(Path config, int line, String library) throws BadInputException {
    if (library.contains("${") || !library.startsWith("/")) {
      return; // the JDK resolves these; its failure is worded by wordJdkFailure
    }
    Path lib = Path.of(library);
    String where = config + ":" + line + ": library '" + library + "'"; // a path: whole (the exception escapes controls)
    if (Files.isDirectory(lib)) {
      throw new BadInputException(where + " is a directory, not a PKCS#11 module");
    }
    if (!Files.isRegularFile(lib)) {
      throw new BadInputException(where + " does not exist");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(lib)) {
      head = in.readNBytes(4);
    } catch (IOException e) {
      throw new BadInputException(where + " cannot be read");
    }
    if (!java.util.Arrays.equals(head, ELF_MAGIC)) {
      throw new BadInputException(where + " is not a shared library (no ELF header); a PKCS#11 module is a .so");
    }
  }

  /**
   * What to say when SunPKCS11 still refuses a configuration that passed {@link #check}: an
   * unknown keyword with its line, a module that does not load, else that SunPKCS11 refused it.
   */
  static String wordJdkFailure(Path config, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = UNKNOWN_KEYWORD.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return config + ":" + m.group(2) + ": " + Printable.quote(m.group(1)) + " is not a SunPKCS11 configuration"
            + " keyword (see the JDK's PKCS#11 Reference Guide)";
      }
      if (t instanceof IOException) {
        return config + ": the library it names could not be loaded as a PKCS#11 module (not a PKCS#11 module,"
            + " another architecture, or a missing dependency)";
      }
    }
    return config + ": the JDK's SunPKCS11 provider refuses this configuration (see the JDK's PKCS#11 Reference"
        + " Guide)";
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash >= 0 ? line.substring(0, hash) : line;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }
}
