package dev.quarry.explore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement of a clustering with reference labels: homogeneity (each cluster holds one label),
 * completeness (each label sits in one cluster) and their harmonic mean, the V-measure, which
 * equals normalized mutual information with the arithmetic-mean normalization (scikit-learn's
 * default).
 */
public record ClusterScores(double homogeneity, double completeness, double vMeasure) {
  /** NMI (arithmetic mean of the entropies): the same number as the V-measure. */
  public double nmi() {
    return vMeasure;
  }

  /** Scores {@code clusters} (one per item) against {@code labels} (same order). */
  public static ClusterScores of(int[] clusters, List<String> labels) {
    int n = clusters.length;
    Map<String, Integer> labelIds = new HashMap<>();
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = labelIds.computeIfAbsent(labels.get(i), l -> labelIds.size());
    }
    int k = 0;
    for (int c : clusters) {
      k = Math.max(k, c + 1);
    }
    long[][] joint = new long[labelIds.size()][k];
    long[] perLabel = new long[labelIds.size()];
    long[] perCluster = new long[k];
    for (int i = 0; i < n; i++) {
      joint[label[i]][clusters[i]]++;
      perLabel[label[i]]++;
      perCluster[clusters[i]]++;
    }
    double hLabel = entropy(perLabel, n);
    double hCluster = entropy(perCluster, n);
    double mutual = 0;
    for (int l = 0; l < joint.length; l++) {
      for (int c = 0; c < k; c++) {
        if (joint[l][c] > 0) {
          double p = (double) joint[l][c] / n;
          mutual += p * Math.log(p * n * n / ((double) perLabel[l] * perCluster[c]));
        }
      }
    }
    double homogeneity = hLabel == 0 ? 1 : mutual / hLabel;
    double completeness = hCluster == 0 ? 1 : mutual / hCluster;
    double v =
        homogeneity + completeness == 0
            ? 0
            : 2 * homogeneity * completeness / (homogeneity + completeness);
    return new ClusterScores(homogeneity, completeness, v);
  }

  private static double entropy(long[] counts, int n) {
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }
}
