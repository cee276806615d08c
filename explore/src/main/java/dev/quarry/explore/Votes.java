package dev.quarry.explore;

import java.util.Map;

/** Picks the label with the largest weight; ties go to the label that sorts first. */
final class Votes {
  private Votes() {}

  static Prediction winner(Map<String, Double> weights, double total) {
    String best = null;
    double bestWeight = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      double w = e.getValue();
      if (w > bestWeight || (w == bestWeight && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestWeight = w;
      }
    }
    return best == null
        ? new Prediction(null, 0)
        : new Prediction(best, total > 0 ? bestWeight / total : 0);
  }
}
