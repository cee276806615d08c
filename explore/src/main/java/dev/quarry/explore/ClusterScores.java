package dev.quarry.explore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agreement of a clustering with reference labels: homogeneity (each cluster holds one label),
 * completeness (each label sits in one cluster), their harmonic mean the V-measure, and normalized
 * mutual information with the arithmetic-mean normalization (scikit-learn's default), which is the
 * same number as the V-measure. Noise ({@link Clustering#NOISE}) counts as one more cluster, as
 * scikit-learn counts a label -1.
 *
 * @param mutualInformation I(labels; clusters), in nats
 * @param labelEntropy H(labels), in nats
 * @param clusterEntropy H(clusters), in nats
 */
public record ClusterScores(
    double homogeneity,
    double completeness,
    double vMeasure,
    double mutualInformation,
    double labelEntropy,
    double clusterEntropy) {

  /** I / ((H(labels) + H(clusters)) / 2); 1 when both entropies are 0 (scikit-learn's rule). */
  public double nmi() {
    double mean = (labelEntropy + clusterEntropy) / 2;
    return mean == 0 ? 1 : mutualInformation / mean;
  }

  /** Scores {@code clusters} (one per item) against {@code labels} (same order). */
  public static ClusterScores of(int[] clusters, List<String> labels) {
    int n = clusters.length;
    if (labels.size() != n) {
      throw new IllegalArgumentException(n + " clusters but " + labels.size() + " labels");
    }
    int[] label = ids(labels.toArray(), n);
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = clusters[i];
    }
    int[] cluster = ids(boxed, n);
    int labelCount = max(label) + 1;
    int clusterCount = max(cluster) + 1;
    Map<Long, Long> joint = new HashMap<>();
    long[] perLabel = new long[labelCount];
    long[] perCluster = new long[clusterCount];
    for (int i = 0; i < n; i++) {
      joint.merge((long) label[i] * clusterCount + cluster[i], 1L, Long::sum);
      perLabel[label[i]]++;
      perCluster[cluster[i]]++;
    }
    double mutual = 0;
    for (Map.Entry<Long, Long> e : joint.entrySet()) {
      double count = e.getValue();
      long l = e.getKey() / clusterCount;
      long c = e.getKey() % clusterCount;
      mutual +=
          count / n * Math.log(count * n / ((double) perLabel[(int) l] * perCluster[(int) c]));
    }
    double hLabel = entropy(perLabel, n);
    double hCluster = entropy(perCluster, n);
    double homogeneity = hLabel == 0 ? 1 : mutual / hLabel;
    double completeness = hCluster == 0 ? 1 : mutual / hCluster;
    double v =
        homogeneity + completeness == 0
            ? 0
            : 2 * homogeneity * completeness / (homogeneity + completeness);
    return new ClusterScores(homogeneity, completeness, v, mutual, hLabel, hCluster);
  }

  /** Each distinct value as 0.., in order of first appearance. */
  private static int[] ids(Object[] values, int n) {
    Map<Object, Integer> ids = new HashMap<>();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = ids.computeIfAbsent(values[i], v -> ids.size());
    }
    return out;
  }

  private static int max(int[] values) {
    int m = -1;
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
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
