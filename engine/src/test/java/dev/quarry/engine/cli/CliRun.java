package dev.quarry.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI: its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QuarryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
