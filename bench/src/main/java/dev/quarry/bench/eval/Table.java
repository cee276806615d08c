package dev.quarry.bench.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table, so that harness output pastes into docs/evaluations.md unchanged. */
final class Table {
  private final String title;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String title, String... headers) {
    this.title = title;
    this.headers = List.of(headers);
  }

  /** Adds a row; doubles print with 3 decimals, other values as they are. */
  Table row(Object... cells) {
    List<String> row = new ArrayList<>(cells.length);
    for (Object c : cells) {
      row.add(c instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  /** A share as a percentage with one decimal, e.g. {@code 62.5}. */
  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f", 100 * share);
  }

  /** A signed percentage-point difference with its interval, e.g. {@code +3.1 [1.2, 5.0]}. */
  static String pctDelta(double delta, Stats.Interval ci) {
    return String.format(
        Locale.ROOT, "%+.1f [%+.1f, %+.1f]", 100 * delta, 100 * ci.lo(), 100 * ci.hi());
  }

  /** A signed difference of raw values with its interval, e.g. {@code +0.031 [0.012, 0.050]}. */
  static String delta(double delta, Stats.Interval ci) {
    return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", delta, ci.lo(), ci.hi());
  }

  static String pValue(double p) {
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  void print(PrintStream out) {
    out.println();
    out.println("### " + title);
    out.println();
    out.println("| " + String.join(" | ", headers) + " |");
    out.println("|" + "---|".repeat(headers.size()));
    for (List<String> row : rows) {
      out.println("| " + String.join(" | ", row) + " |");
    }
  }
}
