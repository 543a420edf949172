package dev.bpfsign.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The point of this module: picocli's classes in a class-file version the AOT cache accepts. */
class ClassVersionTest {
  private static final int JAVA_25 = 69;

  @Test
  void picocliClassesAreJava25ClassFiles() throws IOException {
    for (Class<?> c : new Class<?>[] {CommandLine.class, CommandLine.Model.CommandSpec.class, picocli.AutoComplete.class}) {
      try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
        DataInputStream data = new DataInputStream(in);
        assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
        data.readUnsignedShort();
        assertThat(data.readUnsignedShort()).as(c.getName()).isEqualTo(JAVA_25);
      }
    }
  }

  @Test
  void itIsThePinnedRelease() {
    assertThat(CommandLine.VERSION).isEqualTo("4.7.7");
  }
}
