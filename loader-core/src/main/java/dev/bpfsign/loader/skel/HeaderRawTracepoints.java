package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.CtxLayout;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw tracepoint names a bpftool light-skeleton header carries in its attach functions
 * ({@code int prog_fd = skel->progs.PROG.prog_fd; int fd = skel_raw_tracepoint_open("NAME", prog_fd);}).
 * {@code skel_raw_tracepoint_open(NULL, …)} is how tracing and LSM programs attach (target from
 * BTF), so it names nothing. A header without such lines (or written without them) yields none.
 */
final class HeaderRawTracepoints {
  private static final Pattern ATTACH = Pattern.compile(
      "int prog_fd = skel->progs\\.(\\w+)\\.prog_fd;\\s*int fd = skel_raw_tracepoint_open\\(\"([^\"\\\\]*)\", prog_fd\\);");

  private HeaderRawTracepoints() {}

  static Map<String, String> of(byte[] header, CtxLayout ctx, String source) throws BadInputException {
    Map<String, String> names = new LinkedHashMap<>();
    Matcher m = ATTACH.matcher(new String(header, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      String prog = m.group(1);
      String tp = m.group(2);
      if (!ctx.programs().contains(prog)) {
        throw new BadInputException(source + ": the attach function of program " + prog
            + " names a program the skeleton struct does not have");
      }
      if (!CtxLayout.isValidName(tp)) {
        throw new BadInputException(source + ": program " + prog + " attaches to a raw tracepoint whose name is not a C identifier");
      }
      if (names.put(prog, tp) != null) {
        throw new BadInputException(source + ": program " + prog + " has two raw tracepoint attach lines");
      }
    }
    return names;
  }
}
