package dev.bpfsign.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Catches SIGINT and SIGTERM, so {@code load --attach} can detach and exit 0 instead of the
 * JVM's default exit 130/143 on a signal. Installed before anything is attached or printed: a
 * signal that arrives the moment "attached" is printed must already find the handler.
 */
final class SignalWait {
  private final CountDownLatch latch = new CountDownLatch(1);
  private volatile String received;

  private SignalWait() {}

  static SignalWait install() {
    SignalWait w = new SignalWait();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), s -> {
        w.received = "SIG" + s.getName();
        w.latch.countDown();
      });
    }
    return w;
  }

  /** Blocks until one of the signals arrived (or had arrived); returns its name. */
  String await() throws InterruptedException {
    latch.await();
    return received;
  }
}
