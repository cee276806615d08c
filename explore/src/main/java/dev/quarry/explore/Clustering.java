package dev.quarry.explore;

/**
 * Cluster assignments of a collection's documents.
 *
 * @param assignment cluster id (0..k-1) of each document of the {@link Points}, in their order
 * @param centroids the mean vector of each cluster
 */
public record Clustering(int[] assignment, float[][] centroids) {
  public int clusters() {
    return centroids.length;
  }

  /** Documents per cluster. */
  public int[] sizes() {
    int[] sizes = new int[centroids.length];
    for (int c : assignment) {
      sizes[c]++;
    }
    return sizes;
  }
}
