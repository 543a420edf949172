package dev.bpfsign.cli;

import java.io.PrintWriter;

/** Process entry point: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = BpfSign.run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
