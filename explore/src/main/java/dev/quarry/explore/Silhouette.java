package dev.quarry.explore;

import java.util.List;

/**
 * Mean silhouette of clusterings of one fixed set of points (Euclidean): for each point, (b - a) /
 * max(a, b), where a is its mean distance to the rest of its cluster and b its mean distance to the
 * nearest other cluster; 0 for a point alone in its cluster. The pairwise distances are computed
 * once, so scoring many clusterings of the same points is cheap.
 */
final class Silhouette {
  private final float[][] distance;

  Silhouette(List<float[]> points) {
    int s = points.size();
    distance = new float[s][s];
    for (int i = 0; i < s; i++) {
      for (int j = i + 1; j < s; j++) {
        float d = (float) Math.sqrt(KMeans.squaredDistance(points.get(i), points.get(j)));
        distance[i][j] = d;
        distance[j][i] = d;
      }
    }
  }

  /** The mean silhouette of {@code assignment} (cluster 0..k-1 of each point). */
  double mean(int[] assignment, int k) {
    int s = assignment.length;
    int[] sizes = new int[k];
    for (int c : assignment) {
      sizes[c]++;
    }
    double total = 0;
    double[] sums = new double[k];
    for (int i = 0; i < s; i++) {
      java.util.Arrays.fill(sums, 0);
      for (int j = 0; j < s; j++) {
        sums[assignment[j]] += distance[i][j];
      }
      int own = assignment[i];
      if (sizes[own] == 1) {
        continue;
      }
      double a = sums[own] / (sizes[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && sizes[c] > 0) {
          b = Math.min(b, sums[c] / sizes[c]);
        }
      }
      if (b < Double.POSITIVE_INFINITY) {
        total += (b - a) / Math.max(a, b);
      }
    }
    return total / s;
  }
}
