package dev.quarry.explore;

import dev.quarry.index.Collection;
import java.util.ArrayList;
import java.util.List;

/**
 * A collection's vectors reduced to a few dimensions by UMAP on its HNSW graph's neighbours (the
 * map's code, decision 0105) before HDBSCAN: in 384 dimensions distances concentrate and densities
 * barely differ, so HDBSCAN finds almost nothing (decision 0113). Settings are BERTopic's: 15
 * neighbours, min_dist 0 (points packed as tightly as UMAP allows, which is what density needs).
 */
public final class UmapReduction {
  public static final int DEFAULT_DIMENSIONS = 5;
  public static final int NEIGHBOURS = 15;
  public static final float MIN_DIST = 0f;

  private UmapReduction() {}

  /**
   * The reduced vectors, in the order of {@code ids}; {@code ids} and {@code vectors} are all the
   * collection's documents (so the graph needs no filter).
   */
  public static List<float[]> reduce(
      Collection collection,
      List<String> ids,
      List<float[]> vectors,
      int dimensions,
      long seed,
      int threads,
      MapProgress progress) {
    ExploreChecks.requireRange(
        "reduce-dims", dimensions, 2, Math.min(50, vectors.get(0).length - 1));
    if (vectors.size() < CollectionMap.UMAP_MIN_DOCUMENTS) {
      return vectors;
    }
    List<MapInput> docs = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      docs.add(new MapInput(ids.get(i), "", "", vectors.get(i)));
    }
    int k = Math.min(NEIGHBOURS, docs.size());
    GraphNeighbours neighbours = GraphNeighbours.of(collection, docs, false, k, threads, progress);
    float[][] out =
        UmapLayout.layout(neighbours, vectors, dimensions, MIN_DIST, seed, threads, progress);
    return List.of(out);
  }
}
