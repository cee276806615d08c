package dev.quarry.query;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The fusion stage: gives each candidate its ranking score from the legs that ran. Hybrid fuses
 * both rankings (reciprocal rank fusion, or a weighted sum of min-max normalized scores); a single
 * leg keeps its own score.
 */
final class Fusion {
  private Fusion() {}

  /**
   * Scores the candidates and returns them in the candidates' map order (not yet sorted).
   *
   * @return whether the two legs were fused
   */
  static boolean score(
      SearchRequest.Fusion f, VectorLeg.Result vector, KeywordLeg.Result keyword, Plan plan) {
    if (vector.ran() && keyword.ran()) {
      fuse(f, vector.ranked(), keyword.ranked(), plan);
      return true;
    }
    if (vector.ran()) {
      vector.ranked().forEach(c -> c.score = c.vectorFinal());
      keyword.ranked().forEach(c -> c.score = Double.NEGATIVE_INFINITY);
    } else {
      keyword.ranked().forEach(c -> c.score = c.keywordFinal);
    }
    return false;
  }

  static void fuse(
      SearchRequest.Fusion f, List<Candidate> vector, List<Candidate> keyword, Plan plan) {
    Map<Candidate, Double> fused = new HashMap<>();
    if (!f.weighted()) {
      plan.add("fusion: reciprocal rank fusion, k=" + f.rrfK());
      for (int i = 0; i < vector.size(); i++) {
        fused.merge(vector.get(i), 1.0 / (f.rrfK() + i + 1), Double::sum);
      }
      for (int i = 0; i < keyword.size(); i++) {
        fused.merge(keyword.get(i), 1.0 / (f.rrfK() + i + 1), Double::sum);
      }
    } else {
      plan.add(
          String.format(
              Locale.ROOT,
              "fusion: weighted, %.2f × vector + %.2f × keyword (min-max normalized)",
              f.vectorWeight(),
              1 - f.vectorWeight()));
      normalizeInto(vector, Candidate::vectorFinal, f.vectorWeight(), fused);
      normalizeInto(keyword, c -> c.keywordFinal, 1 - f.vectorWeight(), fused);
    }
    for (Candidate c : vector) {
      c.score = Double.NEGATIVE_INFINITY;
    }
    for (Candidate c : keyword) {
      c.score = Double.NEGATIVE_INFINITY;
    }
    fused.forEach(
        (c, s) -> {
          c.score = s;
          c.fused = s;
        });
  }

  private static void normalizeInto(
      List<Candidate> list,
      ToDoubleFunction<Candidate> part,
      double weight,
      Map<Candidate, Double> out) {
    MinMax range = MinMax.of(list, part);
    for (Candidate c : list) {
      out.merge(c, weight * range.normalize(part.applyAsDouble(c)), Double::sum);
    }
  }
}
