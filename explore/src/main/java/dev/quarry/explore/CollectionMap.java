package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A map of a collection: its documents (or a seeded sample of them) laid out in two dimensions by
 * UMAP or PCA, each labelled by a metadata field or its k-means cluster, ready to be drawn.
 */
public final class CollectionMap {
  /** The one label of a map not coloured by anything. */
  public static final String ALL = "documents";

  /** The label of a document without a value in the colour field. */
  public static final String NO_VALUE = "(none)";

  /** The label of the documents whose labels are too rare for a legend of their own. */
  public static final String OTHER = "(other)";

  /** UMAP needs a point and at least two neighbours. */
  public static final int UMAP_MIN_DOCUMENTS = 3;

  private CollectionMap() {}

  /** Maps {@code points}, read from {@code collection}, on {@code threads} threads. */
  public static MapLayout build(
      Collection collection, Points points, MapOptions options, int threads, MapProgress progress) {
    if (options.colorBy() != null && !options.byCluster()) {
      ExploreChecks.requireField(collection, options.colorBy());
    }
    List<Integer> chosen = sample(points.size(), options.sample(), options.seed());
    if (options.method() == MapMethod.UMAP && chosen.size() < UMAP_MIN_DOCUMENTS) {
      throw QuarryException.invalid(
          "a UMAP map needs at least "
              + UMAP_MIN_DOCUMENTS
              + " documents, got "
              + chosen.size()
              + ": use --method pca or map more documents");
    }
    List<float[]> vectors = new ArrayList<>(chosen.size());
    chosen.forEach(i -> vectors.add(points.vector(i)));
    List<String> labels = labels(points, chosen, vectors, options, threads);
    List<MapInput> docs = new ArrayList<>(chosen.size());
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      docs.add(new MapInput(points.get(i).id(), points.title(i), labels.get(k), vectors.get(k)));
    }
    float[][] xy =
        layout(
            collection, docs, vectors, options, chosen.size() < points.size(), threads, progress);
    List<MapPoint> out = new ArrayList<>(docs.size());
    for (int k = 0; k < docs.size(); k++) {
      MapInput d = docs.get(k);
      out.add(new MapPoint(d.id(), d.title(), d.label(), xy[k][0], xy[k][1]));
    }
    return new MapLayout(options.method(), options.colorBy(), out);
  }

  private static float[][] layout(
      Collection collection,
      List<MapInput> docs,
      List<float[]> vectors,
      MapOptions options,
      boolean sampled,
      int threads,
      MapProgress progress) {
    if (options.method() == MapMethod.PCA) {
      return Pca.project(vectors, 2);
    }
    int k = Math.min(options.neighbours(), docs.size());
    GraphNeighbours neighbours =
        GraphNeighbours.of(collection, docs, sampled, k, threads, progress);
    return UmapLayout.layout(neighbours, vectors, options.seed(), threads, progress);
  }

  /** Positions 0..n-1, or {@code size} of them drawn with {@code seed}, in ascending order. */
  static List<Integer> sample(int n, int size, long seed) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    if (size == 0 || size >= n) {
      return all;
    }
    java.util.Collections.shuffle(all, new Random(seed));
    List<Integer> some = new ArrayList<>(all.subList(0, size));
    some.sort(null);
    return some;
  }

  private static List<String> labels(
      Points points, List<Integer> chosen, List<float[]> vectors, MapOptions options, int threads) {
    List<String> labels = new ArrayList<>(chosen.size());
    if (options.byCluster()) {
      int k = Math.min(options.clusters(), vectors.size());
      if (k < 2) {
        chosen.forEach(i -> labels.add("cluster 0"));
        return labels;
      }
      Clustering clustering =
          KMeans.run(vectors, k, KMeans.DEFAULT_ITERATIONS, threads, options.seed());
      for (int c : clustering.assignment()) {
        labels.add("cluster " + c);
      }
    } else {
      for (int i : chosen) {
        String v = options.colorBy() == null ? ALL : points.label(i, options.colorBy());
        labels.add(v == null ? NO_VALUE : v);
      }
    }
    return labels;
  }
}
