package dev.bpfsign.kerneltests;

import java.util.LinkedHashMap;
import java.util.Map;

/** The guest's console, cut into the steps its script ran ({@code @@BEGIN NAME} … {@code @@END NAME rc=N}). */
record Transcript(String console, boolean timedOut, String kernel, boolean finished, Map<String, Step> steps) {
  /** One command the guest ran: its exit code and its output (stdout and stderr). */
  record Step(String name, int rc, String output) {}

  static Transcript parse(String console, boolean timedOut) {
    Map<String, Step> steps = new LinkedHashMap<>();
    String kernel = "";
    boolean finished = false;
    String current = null;
    StringBuilder out = new StringBuilder();
    for (String raw : console.split("\n")) {
      // a marker may follow terminal escapes the firmware left on the line
      int marker = raw.indexOf("@@");
      String line = marker > 0 && current == null ? raw.substring(marker) : raw;
      if (line.startsWith("@@KERNEL ")) {
        kernel = line.substring(9).strip();
      } else if (line.startsWith("@@BEGIN ")) {
        current = line.substring(8).strip();
        out.setLength(0);
      } else if (line.startsWith("@@END ") && current != null) {
        int rc = Integer.parseInt(line.substring(line.lastIndexOf("rc=") + 3).strip());
        steps.put(current, new Step(current, rc, out.toString()));
        current = null;
      } else if (line.startsWith("@@DONE")) {
        finished = true;
      } else if (current != null) {
        out.append(line).append('\n');
      }
    }
    return new Transcript(console, timedOut, kernel, finished, steps);
  }

  /** The step, or an assertion error that shows the console. */
  Step step(String name) {
    Step s = steps.get(name);
    if (s == null) {
      throw new AssertionError("the guest did not run step " + name + (timedOut ? " (the VM timed out)" : "")
          + "; console:\n" + console);
    }
    return s;
  }
}
