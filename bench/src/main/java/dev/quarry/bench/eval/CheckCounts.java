package dev.quarry.bench.eval;

import dev.quarry.query.interpret.RecencyCheck;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the recency check changes on a labelled set, as counts: ordinary questions on which the
 * rules fire, and the rules' true cues, before and after the check.
 */
record CheckCounts(
    String name,
    int ordinary,
    int ordinaryFiring,
    int ordinaryFiringChecked,
    int trueCues,
    int trueCuesChecked) {

  /** Counts for the trained check. */
  static CheckCounts of(String name, List<LabelledQuery> qs, RecencyCheck check) {
    return of(name, qs, q -> check.probability(q.vector()), check.threshold());
  }

  /** Counts for estimates {@code probability} and a cue set aside below {@code threshold}. */
  static CheckCounts of(
      String name,
      List<LabelledQuery> qs,
      ToDoubleFunction<LabelledQuery> probability,
      double threshold) {
    int ordinary = 0;
    int firing = 0;
    int firingChecked = 0;
    int cues = 0;
    int cuesChecked = 0;
    for (LabelledQuery q : qs) {
      boolean recency = q.firesRecency() && probability.applyAsDouble(q) >= threshold;
      if (q.ordinary()) {
        ordinary++;
        firing += q.fires() ? 1 : 0;
        firingChecked += recency || q.firesExclusion() ? 1 : 0;
      }
      cues += q.recency() && q.firesRecency() ? 1 : 0;
      cuesChecked += q.recency() && recency ? 1 : 0;
    }
    return new CheckCounts(name, ordinary, firing, firingChecked, cues, cuesChecked);
  }

  /** The share of the rules' true recency cues set aside. */
  double trueCuesSetAside() {
    return trueCues == 0 ? 0 : 1 - (double) trueCuesChecked / trueCues;
  }

  void print() {
    System.out.printf(
        "  %s: ordinary questions that fire %d → %d of %d (%.1f%% → %.1f%%); true recency cues kept %d → %d%n",
        name,
        ordinaryFiring,
        ordinaryFiringChecked,
        ordinary,
        100.0 * ordinaryFiring / Math.max(1, ordinary),
        100.0 * ordinaryFiringChecked / Math.max(1, ordinary),
        trueCues,
        trueCuesChecked);
  }
}
