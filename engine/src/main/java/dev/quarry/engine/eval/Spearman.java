package dev.quarry.engine.eval;

import dev.quarry.core.QuarryException;
import java.util.Arrays;
import java.util.Comparator;

/** Spearman's rank correlation, with tied values given their average rank (as scipy does). */
public final class Spearman {
  private Spearman() {}

  public static double correlation(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw QuarryException.invalid(
          "Spearman needs two series of equal length >= 2, got " + x.length + " and " + y.length);
    }
    return pearson(ranks(x), ranks(y));
  }

  /** 1-based ranks; ties share the mean of the ranks they span. */
  static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  static double pearson(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN; // a constant series has no ranking to correlate
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
