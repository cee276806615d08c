package dev.quarry.bench.ann;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures recall and queries/s of every engine at every search effort. Engines take turns at each
 * effort, in an order that rotates per round, so that machine noise hits all of them alike; each
 * measurement repeats the query set for at least a minimum time.
 */
final class Sweep {
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
    for (AnnEngine e : engines) { // warm-up: compile the search paths at both ends of the sweep
      pass(e, efs.get(0), null);
      pass(e, efs.get(efs.size() - 1), null);
    }
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < efs.size(); j++) {
        for (int t = 0; t < n; t++) {
          int i = (t + r + j) % n;
          int ef = efs.get(j);
          double[] found = new double[1];
          long start = System.nanoTime();
          int passes = 0;
          do {
            pass(engines.get(i), ef, passes == 0 ? found : null);
            passes++;
          } while ((System.nanoTime() - start) / 1e9 < minSeconds);
          double seconds = (System.nanoTime() - start) / 1e9;
          qps[i][j][r] = passes * dataset.queries().size() / seconds;
          recall[i][j] = found[0] / dataset.queries().size();
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

  /** Runs every query once; adds the summed recall to {@code recall[0]} when given. */
  private void pass(AnnEngine engine, int ef, double[] recall) throws Exception {
    List<float[]> queries = dataset.queries();
    for (int q = 0; q < queries.size(); q++) {
      int[] found = engine.search(queries.get(q), k, ef);
      if (recall != null) {
        recall[0] += GroundTruth.recall(dataset.truth().get(q), found, k);
      }
    }
  }
}
