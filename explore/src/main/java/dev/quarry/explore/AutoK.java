package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses k for k-means by the mean silhouette (decision 0111): k-means runs for each candidate k
 * on a seeded sample of at most {@link #FIT_SAMPLE} documents, each clustering is scored on a
 * seeded sample of at most {@link #SCORE_SAMPLE} of them, and the k with the highest mean
 * silhouette wins (the smaller k on a tie).
 */
public final class AutoK {
  /** Roughly geometric, so the cost stays a handful of k-means runs. */
  static final int[] CANDIDATES = {2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};

  static final int FIT_SAMPLE = 10_000;
  static final int SCORE_SAMPLE = 2_000;

  /** A candidate's score. */
  public record Candidate(int k, double silhouette) {}

  /** The chosen k and every candidate's score, in candidate order. */
  public record Choice(int k, List<Candidate> candidates) {}

  private AutoK() {}

  /** Candidates are capped at a tenth of the documents (clusters of ten on average), at least 2. */
  public static Choice choose(List<float[]> vectors, int iterations, int threads, long seed) {
    int n = vectors.size();
    if (n < 20) {
      throw QuarryException.invalid(
          "choosing k needs at least 20 documents, the collection has " + n + ": give --k");
    }
    List<float[]> fit = Samples.pick(vectors, Samples.indices(n, Math.min(n, FIT_SAMPLE), seed));
    List<float[]> scored =
        Samples.pick(
            fit, Samples.indices(fit.size(), Math.min(fit.size(), SCORE_SAMPLE), seed + 1));
    Silhouette silhouette = new Silhouette(scored);
    List<Candidate> candidates = new ArrayList<>();
    Candidate best = null;
    for (int k : CANDIDATES) {
      if (k > Math.max(2, n / 10)) {
        break;
      }
      Clustering c = KMeans.run(fit, k, iterations, threads, seed);
      int[] assignment = new int[scored.size()];
      for (int i = 0; i < assignment.length; i++) {
        assignment[i] = KMeans.nearest(c.centroids(), scored.get(i));
      }
      Candidate candidate = new Candidate(k, silhouette.mean(assignment, k));
      candidates.add(candidate);
      if (best == null || candidate.silhouette() > best.silhouette()) {
        best = candidate;
      }
    }
    return new Choice(best.k(), candidates);
  }
}
