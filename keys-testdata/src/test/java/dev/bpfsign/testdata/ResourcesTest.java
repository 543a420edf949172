package dev.bpfsign.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourcesTest {
  @Test
  void path_fromJar_extractsWithSiblingsSideBySide(@TempDir Path tmp) throws Exception {
    Path jar = tmp.resolve("testdata.jar");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os)) {
      for (String name : new String[] {"jar-only.p12", "jar-only.p12.pass"}) {
        out.putNextEntry(new JarEntry(TestKeys.RESOURCE_DIR + name));
        out.write(name.getBytes());
        out.closeEntry();
      }
    }
    ClassLoader saved = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Thread.currentThread().setContextClassLoader(cl);
      Path p = TestKeys.path("jar-only.p12");
      assertThat(p).isRegularFile().hasContent("jar-only.p12");
      assertThat(p.startsWith(tmp)).isFalse();
      assertThat(TestKeys.path("jar-only.p12")).isEqualTo(p);
      assertThat(TestKeys.path("jar-only.p12.pass")).isEqualTo(p.resolveSibling("jar-only.p12.pass"));
    } finally {
      Thread.currentThread().setContextClassLoader(saved);
    }
  }
}
