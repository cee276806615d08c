package dev.quarry.bench.eval;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Tuning against held-out, metric by metric, in percentage points. A metric is flagged where the
 * held-out figure is more than {@link #MARGIN} points worse than the tuning one (lower where higher
 * is better, higher where lower is better), and a false-trigger rate where it is above {@link
 * #FALSE_TRIGGER_TARGET} on held-out.
 */
final class SideBySide {
  static final double MARGIN = 0.05;
  static final double FALSE_TRIGGER_TARGET = 0.02;

  private final Table table =
      new Table(
          "Tuning against held-out (%)",
          "metric", "tuning data", "tuning", "held-out", "difference (points)", "flag");

  /**
   * A share where higher is better; {@code tuning} null when the tuning side was not run, {@code
   * source} null when the tuning data has no counterpart.
   */
  SideBySide higher(String metric, String source, Double tuning, double heldout) {
    return row(metric, source, tuning, heldout, true, false);
  }

  /** A share where lower is better (violations). */
  SideBySide lower(String metric, String source, Double tuning, double heldout) {
    return row(metric, source, tuning, heldout, false, false);
  }

  /** A false-trigger rate: lower is better, and held-out has a target of its own. */
  SideBySide falseTrigger(String metric, String source, Double tuning, double heldout) {
    return row(metric, source, tuning, heldout, false, true);
  }

  private SideBySide row(
      String metric,
      String source,
      Double tuning,
      double heldout,
      boolean higherIsBetter,
      boolean target) {
    StringBuilder flag = new StringBuilder();
    String difference = "—";
    if (tuning != null) {
      double d = heldout - tuning;
      difference = String.format(Locale.ROOT, "%+.1f", 100 * d);
      if ((higherIsBetter ? -d : d) > MARGIN) {
        flag.append("**held-out worse by more than 5 points**");
      }
    }
    if (target && heldout > FALSE_TRIGGER_TARGET) {
      flag.append(flag.isEmpty() ? "" : "; ").append("**above the 2% target**");
    }
    table.row(
        metric,
        source == null ? "none (held-out only)" : tuning == null ? "not run (no --data)" : source,
        tuning == null ? "—" : Table.pct(tuning),
        Table.pct(heldout),
        difference,
        flag.toString());
    return this;
  }

  void print(PrintStream out) {
    table.print(out);
  }
}
