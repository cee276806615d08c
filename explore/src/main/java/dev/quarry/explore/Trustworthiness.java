package dev.quarry.explore;

import java.util.stream.IntStream;

/**
 * How far a low-dimensional layout keeps only true neighbours (Venna and Kaski), as scikit-learn's
 * {@code sklearn.manifold.trustworthiness} computes it with Euclidean distances:
 *
 * <pre>
 * T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ(k)} (r(i, j) − k)
 * </pre>
 *
 * where Uᵢ(k) are the k nearest neighbours of i in the layout that are not among its k nearest in
 * the original space, and r(i, j) is the rank of j among i's neighbours in the original space (1 =
 * nearest, i itself left out). 1 means every layout neighbour is a true neighbour. Exact: n²
 * distances in the original space, for the sample sizes it is measured on.
 */
public final class Trustworthiness {
  private Trustworthiness() {}

  public static double of(float[][] original, float[][] layout, int k) {
    int n = original.length;
    if (layout.length != n) {
      throw new IllegalArgumentException(n + " original points but " + layout.length + " laid out");
    }
    ExploreChecks.requireRange("k", k, 1, Math.max(1, (n - 1) / 2.0));
    double penalty =
        IntStream.range(0, n).parallel().mapToDouble(i -> penalty(original, layout, i, k)).sum();
    return 1 - 2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
  }

  /** Σ (r(i, j) − k) over i's layout neighbours that are not its original neighbours. */
  private static double penalty(float[][] original, float[][] layout, int i, int k) {
    double[] high = distancesFrom(original, i);
    double sum = 0;
    for (int j : nearest(distancesFrom(layout, i), k)) {
      int r = rank(high, j);
      if (r > k) {
        sum += r - k;
      }
    }
    return sum;
  }

  /**
   * Squared Euclidean distances from point i; i itself at infinity, so it is nobody's neighbour.
   */
  private static double[] distancesFrom(float[][] points, int i) {
    double[] out = new double[points.length];
    for (int j = 0; j < points.length; j++) {
      out[j] = j == i ? Double.POSITIVE_INFINITY : KMeans.squaredDistance(points[i], points[j]);
    }
    return out;
  }

  /** 1 + how many points are nearer than j, ties broken by index as a stable sort would. */
  private static int rank(double[] distances, int j) {
    int r = 1;
    for (int m = 0; m < distances.length; m++) {
      if (distances[m] < distances[j] || (distances[m] == distances[j] && m < j)) {
        r++;
      }
    }
    return r;
  }

  /**
   * The indices of the k smallest distances (ties by index), by insertion into a sorted k-array.
   */
  static int[] nearest(double[] distances, int k) {
    int[] best = new int[k];
    int size = 0;
    for (int j = 0; j < distances.length; j++) {
      if (size == k && distances[j] >= distances[best[k - 1]]) {
        continue;
      }
      int at = size < k ? size++ : k - 1;
      while (at > 0 && distances[best[at - 1]] > distances[j]) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = j;
    }
    return java.util.Arrays.copyOf(best, size);
  }
}
