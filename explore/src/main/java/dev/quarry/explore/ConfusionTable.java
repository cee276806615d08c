package dev.quarry.explore;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Counts of (true label, predicted label) pairs: accuracy and the confusion table. */
public final class ConfusionTable {
  private static final String NONE = "(none)";
  private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
  private int total;
  private int correct;

  /** Records one prediction; a null prediction (nothing voted) counts as wrong. */
  public void add(String truth, String predicted) {
    String p = predicted == null ? NONE : predicted;
    counts.computeIfAbsent(truth, t -> new TreeMap<>()).merge(p, 1, Integer::sum);
    total++;
    if (p.equals(truth)) {
      correct++;
    }
  }

  public int total() {
    return total;
  }

  /** Correct predictions over all, 0 when there were none. */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** Every label seen, true or predicted, sorted. */
  public List<String> labels() {
    TreeSet<String> all = new TreeSet<>(counts.keySet());
    counts.values().forEach(row -> all.addAll(row.keySet()));
    return new ArrayList<>(all);
  }

  public int count(String truth, String predicted) {
    return counts.getOrDefault(truth, Map.of()).getOrDefault(predicted, 0);
  }

  /**
   * Prints one row per true label: its count, recall, and the labels it was taken for, most often
   * first (a full matrix of 45 labels does not fit a terminal).
   */
  public void print(PrintWriter out) {
    out.printf("%-24s %7s %7s  %s%n", "label", "count", "recall", "predicted as (count)");
    counts.forEach(
        (truth, row) -> {
          int n = row.values().stream().mapToInt(Integer::intValue).sum();
          StringBuilder as = new StringBuilder();
          row.entrySet().stream()
              .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
              .limit(4)
              .forEach(e -> as.append(e.getKey()).append(" (").append(e.getValue()).append(") "));
          out.printf(
              "%-24s %7d %7.3f  %s%n",
              truth, n, (double) count(truth, truth) / n, as.toString().trim());
        });
    out.printf("accuracy %.4f over %d%n", accuracy(), total);
    out.flush();
  }
}
