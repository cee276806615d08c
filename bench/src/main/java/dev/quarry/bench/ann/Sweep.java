package dev.quarry.bench.ann;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures recall and queries/s of every engine at every search effort. On a shared machine the
 * load changes from one second to the next, so the engines are interleaved finely: the query set is
 * cut into blocks of {@value #BLOCK} queries, every engine runs each block in turn (the order
 * rotating from block to block), and each engine's time is the sum over its blocks. The query set
 * is repeated until the effort has run for at least {@code minSeconds} per engine.
 */
final class Sweep {
  static final int BLOCK = 10;
  private final AnnDataset dataset;
  private final int k;
  private final double minSeconds;

  Sweep(AnnDataset dataset, int k, double minSeconds) {
    this.dataset = dataset;
    this.k = k;
    this.minSeconds = minSeconds;
  }

  /** Points per engine (in {@code engines} order), one per effort, qps per round. */
  List<List<AnnResults.Point>> run(List<AnnEngine> engines, List<Integer> efs, int rounds)
      throws Exception {
    int n = engines.size();
    double[][] recall = new double[n][efs.size()];
    double[][][] qps = new double[n][efs.size()][rounds];
    // Warm-up: compile every engine's search path at both ends of the sweep.
    for (int ef : new int[] {efs.get(0), efs.get(efs.size() - 1)}) {
      measure(engines, ef, 0, new double[n]);
    }
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < efs.size(); j++) {
        double[] found = new double[n];
        double[] result = measure(engines, efs.get(j), r, found);
        for (int i = 0; i < n; i++) {
          qps[i][j][r] = result[i];
          recall[i][j] = found[i] / dataset.queries().size();
        }
      }
      System.err.printf("  round %d/%d done%n", r + 1, rounds);
    }
    List<List<AnnResults.Point>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<AnnResults.Point> points = new ArrayList<>();
      for (int j = 0; j < efs.size(); j++) {
        points.add(new AnnResults.Point(efs.get(j), recall[i][j], qps[i][j]));
      }
      out.add(points);
      System.err.printf("  %-15s", engines.get(i).name());
      for (AnnResults.Point p : points) {
        System.err.printf(" ef %d: %.3f/%.0f", p.ef(), p.recall(), p.medianQps());
      }
      System.err.println();
    }
    return out;
  }

  /**
   * Queries/s of every engine at one effort; adds each engine's summed recall of the first pass to
   * {@code recall}.
   */
  private double[] measure(List<AnnEngine> engines, int ef, int round, double[] recall)
      throws Exception {
    int n = engines.size();
    List<float[]> queries = dataset.queries();
    long[] nanos = new long[n];
    int[][] found = new int[BLOCK][];
    long start = System.nanoTime();
    int passes = 0;
    do {
      for (int from = 0; from < queries.size(); from += BLOCK) {
        int to = Math.min(queries.size(), from + BLOCK);
        for (int t = 0; t < n; t++) {
          int i = (t + round + from / BLOCK) % n;
          AnnEngine engine = engines.get(i);
          nanos[i] += engine.searchBlock(queries, from, to, k, ef, found);
          if (passes == 0) {
            for (int q = from; q < to; q++) {
              recall[i] += GroundTruth.recall(dataset.truth().get(q), found[q - from], k);
            }
          }
        }
      }
      passes++;
    } while ((System.nanoTime() - start) / 1e9 < minSeconds * n);
    double[] qps = new double[n];
    for (int i = 0; i < n; i++) {
      qps[i] = (double) passes * queries.size() / (nanos[i] / 1e9);
    }
    return qps;
  }
}
