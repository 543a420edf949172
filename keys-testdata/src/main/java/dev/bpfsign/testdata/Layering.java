package dev.bpfsign.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Enforces the module layering on compiled classes: every class of a module may reference only
 * its own {@code dev.bpfsign.*} package tree and the ones it is allowed to depend on. It reads
 * the constant pools (class references and descriptors), so no import trick escapes it.
 */
public final class Layering {
  private static final Pattern BPFSIGN_PACKAGE = Pattern.compile("dev/bpfsign/([a-z]+)/");

  private Layering() {}

  /**
   * The top-level {@code dev.bpfsign} packages referenced by the classes under {@code classesDir}
   * (normally {@code target/classes}), e.g. {@code [loader, verifier]}.
   */
  public static Set<String> referencedPackages(Path classesDir) {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        for (PoolEntry e : ClassFile.of().parse(Files.readAllBytes(f)).constantPool()) {
          if (e instanceof Utf8Entry utf8) {
            Matcher m = BPFSIGN_PACKAGE.matcher(utf8.stringValue());
            while (m.find()) {
              found.add(m.group(1));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Fails with the offending packages when {@code classesDir} references more than allowed. */
  public static void assertReferencesOnly(Path classesDir, Set<String> allowed) {
    if (!Files.isDirectory(classesDir)) {
      throw new AssertionError("no compiled classes at " + classesDir);
    }
    Set<String> extra = new TreeSet<>(referencedPackages(classesDir));
    extra.removeAll(allowed);
    if (!extra.isEmpty()) {
      throw new AssertionError(classesDir + " references dev.bpfsign packages " + extra + "; allowed: " + allowed);
    }
  }

  /**
   * Fails when a class outside {@code allowedPackage} (a class-file path prefix such as
   * {@code dev/bpfsign/cli/json/}) references {@code library} (such as {@code tools/jackson/}).
   */
  public static void assertLibraryOnlyIn(Path classesDir, String library, String allowedPackage) {
    Set<String> offenders = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String rel = classesDir.relativize(f).toString().replace('\\', '/');
        if (rel.startsWith(allowedPackage)) {
          continue;
        }
        for (PoolEntry e : ClassFile.of().parse(Files.readAllBytes(f)).constantPool()) {
          if (e instanceof Utf8Entry utf8 && utf8.stringValue().contains(library)) {
            offenders.add(rel);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!offenders.isEmpty()) {
      throw new AssertionError(library + " is referenced outside " + allowedPackage + " by " + offenders);
    }
  }
}
