package dev.quarry.bench.ann;

import dev.quarry.bench.BenchData;
import java.util.List;

/** What one run of the ANN benchmark measured; values only. */
final class AnnResults {
  private AnnResults() {}

  /** One search effort of one engine: recall (deterministic) and queries/s per round. */
  record Point(int ef, double recall, double[] qps) {
    double medianQps() {
      return BenchData.median(qps);
    }
  }

  /**
   * One engine on one dataset.
   *
   * @param buildSeconds wall time of the build
   * @param buildCpuSeconds CPU time of the process during the build (all threads)
   * @param storeBytes Quarry's store, or -1 for peers (they have none)
   * @param searchBytes what search keeps hot, where the engine reports it, else -1
   */
  record Engine(
      String name,
      double buildSeconds,
      double buildCpuSeconds,
      long indexBytes,
      long storeBytes,
      long searchBytes,
      int segments,
      List<Point> points) {

    /**
     * Queries/s at {@code recall} in round {@code round}, interpolated on log(QPS) between the two
     * efforts around it; the lowest effort's QPS when even that reaches it; NaN when no effort
     * does.
     */
    double qpsAt(double recall, int round) {
      Point previous = null;
      for (Point p : points) {
        if (p.recall() >= recall) {
          if (previous == null || previous.recall() >= p.recall()) {
            return p.qps()[round];
          }
          double t = (recall - previous.recall()) / (p.recall() - previous.recall());
          double a = Math.log(previous.qps()[round]);
          double b = Math.log(p.qps()[round]);
          return Math.exp(a + t * (b - a));
        }
        previous = p;
      }
      return Double.NaN;
    }

    /** Median over rounds of {@link #qpsAt}. */
    double medianQpsAt(double recall) {
      return BenchData.median(perRound(recall));
    }

    double[] perRound(double recall) {
      double[] out = new double[points.get(0).qps().length];
      for (int r = 0; r < out.length; r++) {
        out[r] = qpsAt(recall, r);
      }
      return out;
    }

    /** Median of the per-round ratios of this engine's QPS at {@code recall} to {@code peer}'s. */
    double ratioAt(double recall, Engine peer) {
      return BenchData.medianRatio(perRound(recall), peer.perRound(recall));
    }

    Point at(int ef) {
      return points.stream().filter(p -> p.ef() == ef).findFirst().orElseThrow();
    }
  }

  /**
   * Every engine on one dataset.
   *
   * @param exactScan Quarry float32's exact scan against memory bandwidth; null when not measured
   */
  record Dataset(
      String name,
      String description,
      int vectors,
      int dimensions,
      int queries,
      List<Engine> engines,
      ExactScan.Result exactScan) {
    Engine engine(String name) {
      return engines.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }
  }
}
