package dev.quarry.bench.eval;

import java.util.List;
import java.util.function.Predicate;

/** A binary detector's outcomes against binary labels. */
record Detection(int tp, int fp, int fn, int tn) {
  /** Counts {@code fired} against {@code positive} over {@code items}. */
  static <T> Detection of(List<T> items, Predicate<T> positive, Predicate<T> fired) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (T item : items) {
      boolean f = fired.test(item);
      if (positive.test(item)) {
        tp += f ? 1 : 0;
        fn += f ? 0 : 1;
      } else {
        fp += f ? 1 : 0;
        tn += f ? 0 : 1;
      }
    }
    return new Detection(tp, fp, fn, tn);
  }

  int n() {
    return tp + fp + fn + tn;
  }

  double precision() {
    return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
  }

  double recall() {
    return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
  }

  double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The share of negatives it fires on. */
  double falsePositiveRate() {
    return fp + tn == 0 ? 0 : (double) fp / (fp + tn);
  }
}
