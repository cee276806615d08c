package dev.quarry.explore;

/**
 * UMAP's a and b: the curve 1 / (1 + a·d^(2b)) fitted by least squares to 1 below min_dist and
 * exp(−(d − min_dist) / spread) above, on 300 points over [0, 3·spread] (umap-learn's
 * find_ab_params). umap-java's own fit returns a = b = 0 at min_dist 0, which makes the layout fly
 * apart (decision 0113); this one finds umap-learn's values (min_dist 0.1: 1.577, 0.895; 0: 1.929,
 * 0.792) by a grid search refined around its best point.
 */
public final class UmapCurve {
  private static final int POINTS = 300;

  private UmapCurve() {}

  /** {a, b} for {@code minDist} with spread 1. */
  public static float[] fit(float minDist) {
    ExploreChecks.requireRange("min_dist", minDist, 0, 0.99);
    double[] x = new double[POINTS];
    double[] y = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = 3.0 * i / (POINTS - 1);
      y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist));
    }
    double a = 1;
    double b = 1;
    double step = 1;
    for (int round = 0; round < 40; round++) {
      double bestA = a;
      double bestB = b;
      double best = error(a, b, x, y);
      for (int i = -5; i <= 5; i++) {
        for (int j = -5; j <= 5; j++) {
          double ca = a + i * step / 5;
          double cb = b + j * step / 5;
          double e = ca > 0 && cb > 0 ? error(ca, cb, x, y) : Double.MAX_VALUE;
          if (e < best) {
            best = e;
            bestA = ca;
            bestB = cb;
          }
        }
      }
      boolean moved = bestA != a || bestB != b;
      a = bestA;
      b = bestB;
      step = moved ? step : step / 2;
    }
    return new float[] {(float) a, (float) b};
  }

  private static double error(double a, double b, double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - y[i];
      sum += r * r;
    }
    return sum;
  }
}
