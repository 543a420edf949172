package dev.bpfsign.loader.emu;

import java.util.ArrayList;
import java.util.List;

/** The kernel calls of one emulated run, in order. */
public record Trace(List<TraceEvent> events) {
  public Trace {
    events = List.copyOf(events);
  }

  /** The calls of one type, in order. */
  public <T extends KernelCall> List<T> calls(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (TraceEvent e : events) {
      if (type.isInstance(e.call())) {
        out.add(type.cast(e.call()));
      }
    }
    return out;
  }
}
