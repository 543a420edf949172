package dev.bpfsign.cli;

import dev.bpfsign.cli.json.InspectReport;
import dev.bpfsign.loader.Counts;
import java.io.PrintWriter;

/** The human-readable form of an inspect report: the same facts as the JSON, aligned. */
final class InspectText {
  private InspectText() {}

  static void print(PrintWriter out, InspectReport r) {
    out.printf("loader      %s (%s, %s)%n", r.name(), r.mode(), r.byteOrder());
    out.printf("variant     %s (%s)%s%n", r.scheme(), r.kernels(), r.variants().size() == 1 ? ""
        : "; the file holds " + String.join(" and ", r.variants().stream().map(InspectReport.Variant::scheme).toList()));
    out.printf("insns       %d instructions, sha256 %s%n", r.insnCount(), r.insnsSha256());
    out.printf("data        %d bytes, sha256 %s%n", r.dataSize(), r.dataSha256());
    if (r.embeddedDataSha256() != null) {
      out.printf("embedded    data sha256 %s (%s)%n", r.embeddedDataSha256(),
          Boolean.TRUE.equals(r.embeddedDataSha256Matches()) ? "matches the data" : "DOES NOT match the data");
    }
    out.printf("ctx         %d bytes: %s, %s%n", r.ctx().size(), Counts.of(r.ctx().maps().size(), "map"),
        Counts.of(r.ctx().programs().size(), "program"));
    String label = "target      ";
    for (String line : TargetText.lines(r.target())) {
      out.printf("%s%s%n", label, line);
      label = "            ";
    }
    if (r.manifestError() != null) {
      out.printf("manifest    not decoded: %s%n", r.manifestError());
      out.printf("ctx maps    %s%n", String.join(", ", r.ctx().maps()));
      out.printf("ctx progs   %s%n", String.join(", ", r.ctx().programs()));
    } else {
      out.printf("maps        %s (decoded by emulating the loader)%n", number(r.maps().size()));
      for (InspectReport.MapEntry m : r.maps()) {
        out.printf("  %-20s %-18s key %d, value %d, max_entries %d, flags 0x%x%s%n",
            m.name(), m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags(),
            m.name().equals(m.kernelName()) ? "" : " (kernel name " + m.kernelName() + ")");
      }
      out.printf("programs    %s%n", number(r.programs().size()));
      for (InspectReport.ProgramEntry p : r.programs()) {
        String attach = p.attach() == null ? "" : ", attach " + p.attach()
            + (p.attachTarget() == null ? "" : " " + p.attachTarget());
        out.printf("  %-20s %-18s %d instructions%s%n", p.name(), p.type(), p.insnCount(), attach);
      }
    }
    out.printf("signatures  %s%n", number(r.signatures().size()));
    for (InspectReport.SignatureEntry s : r.signatures()) {
      String who = s.signer() == null ? "unreadable CMS: " + s.cmsError()
          : s.signer().skid() != null ? "skid " + s.signer().skid()
          : "issuer " + s.signer().issuer() + ", serial " + s.signer().serial();
      out.printf("  [%d] scheme %s, %s%n", s.index(), s.scheme(), who);
      if (s.digestAlgorithm() != null) {
        out.printf("      %s with %s%n", s.signatureAlgorithm(), s.digestAlgorithm());
      }
      out.printf("      cms %d bytes, sha256 %s%n", s.cmsSize(), s.cmsSha256());
      out.printf("      excl_prog_hash %s (%s)%n", s.exclProgHash(),
          s.exclHashMatches() ? "matches the instructions" : "DOES NOT match the instructions");
      if (s.certificates() > 0) {
        out.printf("      %s attached%n", Counts.of(s.certificates(), "certificate"));
      }
    }
    out.flush();
  }

  /** A count after a label ("signatures  2"), or "none". */
  private static String number(int n) {
    return n == 0 ? "none" : Integer.toString(n);
  }
}
