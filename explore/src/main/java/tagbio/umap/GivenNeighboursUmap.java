package tagbio.umap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;
import tagbio.umap.metric.EuclideanMetric;
import tagbio.umap.metric.Metric;

/**
 * UMAP of tag.bio's umap-java 1.0 run on nearest neighbours given by the caller (Quarry's HNSW
 * graph) instead of the library's own random-projection forest and NN-descent, and from a given
 * initial layout (the library only offers a random one). The library has no public entry for
 * either, so this class sits in its package to reach its package-private steps (fuzzy simplicial
 * set, edge sampling) and calls its private layout optimizer reflectively; the version is pinned in
 * explore/pom.xml and a test runs this path (decision 0105).
 */
public final class GivenNeighboursUmap {
  private static final Method OPTIMIZE_LAYOUT = optimizer();

  private GivenNeighboursUmap() {}

  /**
   * The low-dimensional layout.
   *
   * @param indices each point's neighbours, itself first; -1 where it has fewer
   * @param distances the matching distances (itself: 0)
   * @param initial the starting layout, n rows of the output dimensions; optimized in place
   * @param epochs optimization epochs (umap-learn: 200 above 10,000 points, 500 below)
   * @param minDist UMAP's min_dist; spread is 1
   */
  public static float[][] layout(
      int[][] indices,
      float[][] distances,
      float[][] initial,
      int epochs,
      float minDist,
      long seed,
      int threads) {
    int n = indices.length;
    Random random = new Random(seed);
    Matrix rowsOnly = new DefaultMatrix(n, 1); // the library reads only its row count here
    Metric unused = EuclideanMetric.SINGLETON;
    Matrix graph =
        Umap.fuzzySimplicialSet(
            rowsOnly,
            indices[0].length,
            random,
            unused,
            indices,
            distances,
            false,
            1.0f,
            1,
            threads,
            false);
    // The rest follows Umap.simplicialSetEmbedding with its "random" initialisation swapped for
    // the given one: edges too weak to be sampled once in the run are dropped.
    CooMatrix edges = graph.toCoo();
    float[] weights = edges.data();
    MathUtils.zeroEntriesBelowLimit(weights, MathUtils.max(weights) / epochs);
    edges = (CooMatrix) edges.eliminateZeros();
    // umap-java's Curve.curveFit gives a = b = 0 at min_dist 0: our own fit (decision 0113).
    float[] ab = dev.quarry.explore.UmapCurve.fit(minDist);
    Matrix embedding = new DefaultMatrix(initial);
    float[] epochsPerSample = Umap.makeEpochsPerSample(edges.data(), epochs);
    try {
      Matrix out =
          (Matrix)
              OPTIMIZE_LAYOUT.invoke(
                  new Umap(),
                  embedding,
                  embedding,
                  edges.row(),
                  edges.col(),
                  epochs,
                  edges.cols(),
                  epochsPerSample,
                  ab[0],
                  ab[1],
                  random,
                  1.0f,
                  1.0f,
                  5f,
                  false);
      return out.toArray();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds a listener to the library's global progress (one tick per epoch). */
  public static void listen(ProgressListener listener, int epochs) {
    UmapProgress.reset(epochs);
    UmapProgress.addProgressListener(listener);
  }

  public static void unlisten(ProgressListener listener) {
    UmapProgress.removeProgressListener(listener);
  }

  private static Method optimizer() {
    try {
      Method m =
          Umap.class.getDeclaredMethod(
              "optimizeLayout",
              Matrix.class,
              Matrix.class,
              int[].class,
              int[].class,
              int.class,
              int.class,
              float[].class,
              float.class,
              float.class,
              Random.class,
              float.class,
              float.class,
              float.class,
              boolean.class);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("umap-java is not the pinned version 1.0", e);
    }
  }
}
