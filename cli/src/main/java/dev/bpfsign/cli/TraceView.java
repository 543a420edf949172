package dev.bpfsign.cli;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.KernelCall;
import dev.bpfsign.loader.emu.Trace;
import dev.bpfsign.loader.emu.TraceEvent;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An emulator trace for people and for JSON: each kernel call with its decoded attributes in
 * declaration order. Byte fields are shown as their length and SHA-256 (or hex when short).
 */
final class TraceView {
  record Event(int insn, String call, long result, Map<String, Object> attrs) {}

  private TraceView() {}

  static List<Event> of(Trace trace) {
    List<Event> out = new ArrayList<>();
    for (TraceEvent e : trace.events()) {
      out.add(new Event(e.insn(), e.call().kind(), e.result(), attrs(e.call())));
    }
    return out;
  }

  static String line(Event e) {
    StringBuilder b = new StringBuilder(String.format("  insn %-5d %-26s", e.insn(), e.call()));
    e.attrs().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    return b.append("  -> ").append(e.result()).toString();
  }

  private static Map<String, Object> attrs(KernelCall call) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : call.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(call);
        out.put(c.getName(), v instanceof Bytes b ? describe(b) : v);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException("record accessor " + c.getName() + " of " + call.getClass().getSimpleName(), ex);
      }
    }
    return out;
  }

  private static String describe(Bytes b) {
    return b.length() <= 16 ? "0x" + b.hex() : b.length() + "B:sha256:" + b.sha256().hex().substring(0, 16);
  }
}
