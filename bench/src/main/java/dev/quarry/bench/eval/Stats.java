package dev.quarry.bench.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Means, bootstrap intervals and McNemar's exact test over per-query outcomes. */
final class Stats {
  static final int RESAMPLES = 10_000;
  private static final long SEED = 42;

  /** A 95% interval. */
  record Interval(double lo, double hi) {}

  private Stats() {}

  static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return x.length == 0 ? Double.NaN : sum / x.length;
  }

  /** Percentile bootstrap 95% interval of the mean, seeded. */
  static Interval bootstrapMean(double[] x) {
    return bootstrapDelta(new double[x.length], x);
  }

  /** Paired percentile bootstrap 95% interval of mean(b − a) over the same queries, seeded. */
  static Interval bootstrapDelta(double[] a, double[] b) {
    int n = a.length;
    double[] means = new double[RESAMPLES];
    SplittableRandom random = new SplittableRandom(SEED);
    for (int r = 0; r < RESAMPLES; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        int j = random.nextInt(n);
        sum += b[j] - a[j];
      }
      means[r] = sum / n;
    }
    Arrays.sort(means);
    return new Interval(means[(int) (0.025 * RESAMPLES)], means[(int) (0.975 * RESAMPLES) - 1]);
  }

  /** Two-sided exact McNemar p-value: a binomial test on the discordant pairs. */
  static double mcnemarExact(boolean[] a, boolean[] b) {
    int onlyA = 0;
    int onlyB = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] && !b[i]) {
        onlyA++;
      } else if (b[i] && !a[i]) {
        onlyB++;
      }
    }
    int n = onlyA + onlyB;
    int k = Math.min(onlyA, onlyB);
    double tail = 0;
    for (int i = 0; i <= k; i++) {
      tail += Math.exp(logChoose(n, i) - n * Math.log(2));
    }
    return Math.min(1, 2 * tail);
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  static double[] asDoubles(boolean[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] ? 1 : 0;
    }
    return d;
  }
}
