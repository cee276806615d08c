package dev.quarry.explore;

import java.util.List;

/**
 * Cluster assignments of a collection's documents.
 *
 * @param assignment cluster id (0..k-1) of each document of the {@link Points}, in their order, or
 *     {@link #NOISE} for a document in no cluster (HDBSCAN's noise)
 * @param centroids the mean vector of each cluster
 */
public record Clustering(int[] assignment, float[][] centroids) {
  /** The id of documents that belong to no cluster. */
  public static final int NOISE = -1;

  /** Clusters with their centroids taken as the mean of their members. */
  public static Clustering withMeans(int[] assignment, List<float[]> vectors, int clusters) {
    int dimensions = vectors.get(0).length;
    float[][] centroids = new float[clusters][dimensions];
    int[] sizes = new int[clusters];
    for (int i = 0; i < assignment.length; i++) {
      int c = assignment[i];
      if (c != NOISE) {
        sizes[c]++;
        float[] v = vectors.get(i);
        for (int d = 0; d < dimensions; d++) {
          centroids[c][d] += v[d];
        }
      }
    }
    for (int c = 0; c < clusters; c++) {
      for (int d = 0; d < dimensions; d++) {
        centroids[c][d] /= Math.max(1, sizes[c]);
      }
    }
    return new Clustering(assignment, centroids);
  }

  public int clusters() {
    return centroids.length;
  }

  /** Documents per cluster (noise not counted). */
  public int[] sizes() {
    int[] sizes = new int[centroids.length];
    for (int c : assignment) {
      if (c != NOISE) {
        sizes[c]++;
      }
    }
    return sizes;
  }

  /** Documents in no cluster. */
  public int noise() {
    int n = 0;
    for (int c : assignment) {
      n += c == NOISE ? 1 : 0;
    }
    return n;
  }
}
