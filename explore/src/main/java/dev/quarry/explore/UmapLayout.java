package dev.quarry.explore;

import java.util.List;
import tagbio.umap.GivenNeighboursUmap;
import tagbio.umap.ProgressListener;

/**
 * UMAP (umap-java 1.0, MIT) on neighbours from the HNSW graph, started from the PCA layout scaled
 * to ±10 (umap-learn scales its spectral start the same way; the library has no spectral start),
 * with a little seeded noise so that no two points start on top of each other.
 */
public final class UmapLayout {
  /** umap-learn's defaults: min_dist 0.1; 200 epochs above 10,000 points, else 500. */
  public static final float MIN_DIST = 0.1f;

  private UmapLayout() {}

  public static int defaultEpochs(int points) {
    return points > 10_000 ? 200 : 500;
  }

  /** The two-dimensional layout of a map. */
  public static float[][] layout(
      GraphNeighbours neighbours,
      List<float[]> vectors,
      long seed,
      int threads,
      MapProgress progress) {
    return layout(neighbours, vectors, 2, MIN_DIST, seed, threads, progress);
  }

  /** A layout in {@code dimensions} dimensions (HDBSCAN's reduction uses 5, min_dist 0). */
  public static float[][] layout(
      GraphNeighbours neighbours,
      List<float[]> vectors,
      int dimensions,
      float minDist,
      long seed,
      int threads,
      MapProgress progress) {
    progress.stage("start (PCA)", 1);
    float[][] start = scaledStart(Pca.project(vectors, dimensions), seed);
    progress.step(1);
    int epochs = defaultEpochs(vectors.size());
    progress.stage("layout (UMAP epochs)", epochs);
    ProgressListener listener = state -> progress.step(state.getCount());
    GivenNeighboursUmap.listen(listener, epochs);
    try {
      return GivenNeighboursUmap.layout(
          neighbours.indices(), neighbours.distances(), start, epochs, minDist, seed, threads);
    } finally {
      GivenNeighboursUmap.unlisten(listener);
    }
  }

  /** The layout scaled so its largest coordinate is 10, plus Gaussian noise of 0.0001. */
  static float[][] scaledStart(float[][] pca, long seed) {
    float max = 1e-12f;
    for (float[] p : pca) {
      for (float v : p) {
        max = Math.max(max, Math.abs(v));
      }
    }
    java.util.Random random = new java.util.Random(seed);
    float[][] out = new float[pca.length][];
    for (int i = 0; i < pca.length; i++) {
      out[i] = new float[pca[i].length];
      for (int c = 0; c < out[i].length; c++) {
        out[i][c] = pca[i][c] * 10f / max + (float) (random.nextGaussian() * 1e-4);
      }
    }
    return out;
  }
}
