package dev.quarry.engine.eval;

import java.util.List;
import java.util.Map;

/** Ranking metrics as trec_eval / pytrec_eval compute them (linear gain for nDCG). */
public final class RetrievalMetrics {
  private RetrievalMetrics() {}

  /** nDCG@k: gains are the graded relevance values; ideal ranking from the judged documents. */
  public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int gain = relevant.getOrDefault(ranked.get(i), 0);
      if (gain > 0) {
        dcg += gain / log2(i + 2);
      }
    }
    List<Integer> ideal =
        relevant.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Fraction of the relevant documents found in the top k. */
  public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
    long total = relevant.values().stream().filter(g -> g > 0).count();
    if (total == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(id -> relevant.getOrDefault(id, 0) > 0).count();
    return (double) found / total;
  }

  /** Reciprocal rank of the first relevant document within the top k, else 0. */
  public static double mrr(List<String> ranked, Map<String, Integer> relevant, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.getOrDefault(ranked.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
