package dev.quarry.explore;

import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.Similarity;
import dev.quarry.index.spi.IndexFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Each mapped document's nearest neighbours among the mapped documents, asked of the collection's
 * HNSW graph (filtered to the sample when only a sample is mapped), in the form UMAP takes: the
 * point itself first at distance 0, then its neighbours nearest first, -1 where fewer were found.
 * Distances are computed from the stored vectors: 1 − cosine, or Euclidean for Euclidean
 * collections (umap-learn's metrics of the same names).
 *
 * @param indices positions in the mapped documents' list
 */
public record GraphNeighbours(int[][] indices, float[][] distances) {

  /** Asks the graph for {@code neighbours − 1} neighbours of each of {@code docs}. */
  public static GraphNeighbours of(
      Collection collection,
      List<MapInput> docs,
      boolean sampled,
      int neighbours,
      int threads,
      MapProgress progress) {
    Map<String, Integer> position = new HashMap<>(docs.size() * 2);
    for (int i = 0; i < docs.size(); i++) {
      position.put(docs.get(i).id(), i);
    }
    Query onlyMapped = sampled ? idsQuery(docs) : null;
    boolean euclidean = collection.config().similarity() == Similarity.EUCLIDEAN;
    int n = docs.size();
    int[][] indices = new int[n][];
    float[][] distances = new float[n][];
    AtomicLong done = new AtomicLong();
    progress.stage("neighbours (HNSW)", n);
    Runnable all =
        () ->
            IntStream.range(0, n)
                .parallel()
                .forEach(
                    i -> {
                      List<Hit> hits =
                          search(collection, docs.get(i).vector(), neighbours, onlyMapped);
                      fill(i, hits, docs, position, neighbours, euclidean, indices, distances);
                      long d = done.incrementAndGet();
                      if (d % 256 == 0 || d == n) {
                        progress.step(d);
                      }
                    });
    try (ForkJoinPool pool = new ForkJoinPool(threads)) {
      pool.submit(all).join();
    }
    return new GraphNeighbours(indices, distances);
  }

  private static List<Hit> search(Collection c, float[] vector, int neighbours, Query filter) {
    KnnOptions options = KnnOptions.DEFAULTS.withPlan(KnnOptions.Plan.GRAPH);
    return filter == null
        ? c.search(vector, neighbours, options)
        : c.lucene().knn(vector, neighbours, filter, options).hits();
  }

  /** Row i: itself, then the hits other than itself, nearest first, padded with -1. */
  private static void fill(
      int i,
      List<Hit> hits,
      List<MapInput> docs,
      Map<String, Integer> position,
      int neighbours,
      boolean euclidean,
      int[][] indices,
      float[][] distances) {
    int[] row = new int[neighbours];
    float[] dist = new float[neighbours];
    java.util.Arrays.fill(row, -1);
    row[0] = i;
    int size = 1;
    for (Hit h : hits) {
      Integer j = position.get(h.id());
      if (j != null && j != i && size < neighbours) {
        row[size] = j;
        dist[size] = distance(docs.get(i).vector(), docs.get(j).vector(), euclidean);
        size++;
      }
    }
    // Missing neighbours are skipped by UMAP; their distance only has to keep the row sorted.
    for (int s = size; s < neighbours; s++) {
      dist[s] = dist[size - 1];
    }
    sortByDistance(row, dist, size);
    indices[i] = row;
    distances[i] = dist;
  }

  /** The graph's order is by its (possibly quantized) score: re-sort by the exact distance. */
  private static void sortByDistance(int[] row, float[] dist, int size) {
    for (int a = 2; a < size; a++) {
      for (int b = a; b > 1 && dist[b - 1] > dist[b]; b--) {
        float t = dist[b];
        dist[b] = dist[b - 1];
        dist[b - 1] = t;
        int r = row[b];
        row[b] = row[b - 1];
        row[b - 1] = r;
      }
    }
  }

  static float distance(float[] a, float[] b, boolean euclidean) {
    if (euclidean) {
      return (float) Math.sqrt(KMeans.squaredDistance(a, b));
    }
    double cos =
        dev.quarry.core.Vectors.dot(a, b)
            / (dev.quarry.core.Vectors.norm(a) * dev.quarry.core.Vectors.norm(b));
    return (float) Math.max(0, 1 - cos);
  }

  private static Query idsQuery(List<MapInput> docs) {
    List<BytesRef> ids = new ArrayList<>(docs.size());
    docs.forEach(d -> ids.add(new BytesRef(d.id())));
    return new TermInSetQuery(IndexFields.ID, ids);
  }
}
