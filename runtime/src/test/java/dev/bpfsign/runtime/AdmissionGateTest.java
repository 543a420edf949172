package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.verifier.AdmittedLoader;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Only the verifier can create the type the runtime loads. */
class AdmissionGateTest {
  @Test
  void admittedLoader_hasNoPublicOrProtectedConstructor() {
    assertThat(AdmittedLoader.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())).isFalse());
    assertThat(Modifier.isFinal(AdmittedLoader.class.getModifiers())).isTrue();
  }

  @Test
  void admittedLoader_hasNoPublicStaticFactory() {
    assertThat(Arrays.stream(AdmittedLoader.class.getDeclaredMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
            .filter(m -> m.getReturnType() == AdmittedLoader.class))
        .isEmpty();
  }
}
