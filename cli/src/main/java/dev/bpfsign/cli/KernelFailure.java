package dev.bpfsign.cli;

import dev.bpfsign.runtime.KernelRefusedException;

/** A runtime refusal on its way out of a command: exit 4 with the runtime's one-line message. */
final class KernelFailure extends RuntimeException implements Failures.KernelRefusal {
  KernelFailure(KernelRefusedException cause) {
    super(cause.getMessage(), cause);
  }
}
