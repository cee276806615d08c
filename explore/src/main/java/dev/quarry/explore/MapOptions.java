package dev.quarry.explore;

/**
 * What a map is built with.
 *
 * @param method UMAP or PCA
 * @param colorBy a metadata field whose values colour the points, {@link #CLUSTER} for k-means
 *     clusters, or null for one colour
 * @param sample at most this many documents, drawn at random with {@code seed}; 0 for all
 * @param seed seed of the sample, k-means and UMAP
 * @param neighbours UMAP's n_neighbors (the point itself included, as in umap-learn)
 * @param clusters k of k-means when colouring by cluster
 */
public record MapOptions(
    MapMethod method, String colorBy, int sample, long seed, int neighbours, int clusters) {
  /** The {@code colorBy} value that colours by k-means cluster. */
  public static final String CLUSTER = "cluster";

  public static final int DEFAULT_NEIGHBOURS = 15;
  public static final int DEFAULT_CLUSTERS = 10;

  public MapOptions {
    if (method == null) {
      throw dev.quarry.core.QuarryException.invalid("map method must not be null: use UMAP or PCA");
    }
    ExploreChecks.requireRange("sample", sample, 0, Integer.MAX_VALUE);
    ExploreChecks.requireRange("neighbours", neighbours, 2, 200);
    ExploreChecks.requireRange("clusters", clusters, 2, 1000);
  }

  public static MapOptions of(MapMethod method) {
    return new MapOptions(method, null, 0, 42, DEFAULT_NEIGHBOURS, DEFAULT_CLUSTERS);
  }

  public MapOptions colorBy(String field) {
    return new MapOptions(method, field, sample, seed, neighbours, clusters);
  }

  public MapOptions sample(int n, long seedValue) {
    return new MapOptions(method, colorBy, n, seedValue, neighbours, clusters);
  }

  public MapOptions clusters(int k) {
    return new MapOptions(method, colorBy, sample, seed, neighbours, k);
  }

  boolean byCluster() {
    return CLUSTER.equals(colorBy);
  }
}
