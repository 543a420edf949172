package dev.bpfsign.cli;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.LoadReport.TraceEvent;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.KernelCall;
import dev.bpfsign.loader.emu.Trace;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An emulator trace for people and for JSON: each kernel call with its decoded attributes in
 * declaration order, named as the JSON names fields (snake_case, as bpf_attr names them). Byte
 * fields are shown as their length and SHA-256 (or hex when short); empty strings (an unnamed
 * map) are left out, as JSON leaves out absent values.
 */
final class TraceView {
  private TraceView() {}

  static List<TraceEvent> of(Trace trace) {
    List<TraceEvent> out = new ArrayList<>();
    for (dev.bpfsign.loader.emu.TraceEvent e : trace.events()) {
      out.add(new TraceEvent(e.insn(), e.call().kind(), e.result(), attrs(e.call())));
    }
    return out;
  }

  static String line(TraceEvent e) {
    StringBuilder b = new StringBuilder(String.format("  insn %-5d %-26s", e.insn(), e.call()));
    e.attrs().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    return b.append("  -> ").append(e.result()).toString();
  }

  private static Map<String, Object> attrs(KernelCall call) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : call.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(call);
        if (v == null || v instanceof String s && s.isEmpty()) {
          continue;
        }
        out.put(Json.fieldName(c.getName()), v instanceof Bytes b ? describe(b) : v);
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
