package dev.quarry.query;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The range of a score over candidates (NaN left out), for min-max normalization. */
record MinMax(double min, double max) {
  static MinMax of(List<Candidate> candidates, ToDoubleFunction<Candidate> score) {
    DoubleSummaryStatistics s =
        candidates.stream().mapToDouble(score).filter(x -> !Double.isNaN(x)).summaryStatistics();
    return s.getCount() == 0 ? new MinMax(0, 0) : new MinMax(s.getMin(), s.getMax());
  }

  /** 0..1 within the range; 1 when every value is the same; 0 for NaN (no such score). */
  double normalize(double x) {
    return Double.isNaN(x) ? 0 : max > min ? (x - min) / (max - min) : 1;
  }
}
