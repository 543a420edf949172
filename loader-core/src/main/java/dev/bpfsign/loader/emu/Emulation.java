package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.Bytes;
import java.util.List;

/**
 * The outcome of running a loader in the emulator.
 *
 * @param r0 what the loader returned: 0 on success, else the negative errno of the failed step
 * @param steps instructions executed
 * @param trace every kernel call, in order
 * @param ctx the ctx after the run (the skeleton reads fds back from it)
 * @param mapFds {@code ctx.maps[i].map_fd} for each map of the ctx layout
 * @param progFds {@code ctx.progs[i].prog_fd} for each program of the ctx layout
 */
public record Emulation(long r0, long steps, Trace trace, Bytes ctx, List<Integer> mapFds, List<Integer> progFds) {
  public Emulation {
    mapFds = List.copyOf(mapFds);
    progFds = List.copyOf(progFds);
  }

  public boolean succeeded() {
    return r0 == 0;
  }
}
