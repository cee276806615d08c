package dev.quarry.explore;

import java.util.List;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.math.distance.L2Distance;

/** k-means (Tribuo, k-means++ initialisation, Euclidean distance), seeded. */
public final class KMeans {
  /** Lloyd iterations; Tribuo stops earlier when no assignment changes. */
  public static final int DEFAULT_ITERATIONS = 30;

  private KMeans() {}

  /** Clusters {@code vectors} into {@code k} groups on {@code threads} threads. */
  public static Clustering run(
      List<float[]> vectors, int k, int iterations, int threads, long seed) {
    ExploreChecks.requireRange("k", k, 2, Math.max(2, vectors.size()));
    ExploreChecks.requireRange("iterations", iterations, 1, 10_000);
    KMeansTrainer trainer =
        new KMeansTrainer(
            k, iterations, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, threads, seed);
    KMeansModel model = trainer.train(Features.unassigned(vectors));
    var centres = model.getCentroidVectors();
    float[][] centroids = new float[centres.length][];
    for (int c = 0; c < centres.length; c++) {
      centroids[c] = new float[centres[c].size()];
      for (int d = 0; d < centroids[c].length; d++) {
        centroids[c][d] = (float) centres[c].get(d);
      }
    }
    int[] assignment = new int[vectors.size()];
    for (int i = 0; i < vectors.size(); i++) {
      assignment[i] = nearest(centroids, vectors.get(i));
    }
    return new Clustering(assignment, centroids);
  }

  /** The centroid nearest {@code v} by squared Euclidean distance. */
  static int nearest(float[][] centroids, float[] v) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double s = squaredDistance(v, centroids[c]);
      if (s < bestDistance) {
        best = c;
        bestDistance = s;
      }
    }
    return best;
  }

  static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      s += diff * diff;
    }
    return s;
  }
}
