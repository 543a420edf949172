package dev.bpfsign.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Blocks until SIGINT or SIGTERM, so {@code load --attach} can detach and exit 0 instead of the
 * JVM's default exit 130/143 on a signal.
 */
final class SignalWait {
  private SignalWait() {}

  /** Returns the name of the signal that arrived. */
  static String awaitInterruptOrTerminate() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(1);
    String[] got = new String[1];
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), s -> {
        got[0] = "SIG" + s.getName();
        latch.countDown();
      });
    }
    latch.await();
    return got[0];
  }
}
