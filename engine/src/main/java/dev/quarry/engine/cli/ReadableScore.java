package dev.quarry.engine.cli;

import dev.quarry.query.ScoreParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hit's score as a person reads it: the cosine similarity, and the parts that moved the hit when
 * recency or an exclusion changed the order ("0.71 cos · recency ×0.93 (2020-05-01, 6.6 y)").
 */
final class ReadableScore {
  private ReadableScore() {}

  /** The cosine similarity to two decimals, or "bm25 X" for a hit found by keywords only. */
  static String cosine(ScoreParts p) {
    if (p.cosine().isPresent()) {
      return String.format(Locale.ROOT, "%.2f", p.cosine().getAsDouble());
    }
    return p.keyword().isPresent()
        ? String.format(Locale.ROOT, "bm25 %.1f", p.keyword().getAsDouble())
        : "";
  }

  /** The parts beside the cosine, or empty when nothing but relevance ordered the hit. */
  static String of(ScoreParts p) {
    List<String> moved = new ArrayList<>();
    ScoreParts.Recency r = p.recency();
    if (r != null && r.relevant()) {
      moved.add(
          r.date() == null
              ? "recency: undated, after the dated hits"
              : "recency ×"
                  + factor(r)
                  + " ("
                  + r.date().toString().substring(0, 10)
                  + ", "
                  + age(r.ageDays().getAsDouble())
                  + ")");
    } else if (r != null) {
      moved.add(
          String.format(Locale.ROOT, "below the recency gate (relevance %.2f)", r.relevance()));
    }
    if (p.exclusionPenalty().isPresent() && p.exclusionPenalty().getAsDouble() > 0) {
      moved.add(String.format(Locale.ROOT, "exclusion −%.2f", p.exclusionPenalty().getAsDouble()));
    }
    if (p.titledAfterExcluded()) {
      moved.add("title names the excluded topic: ranked last");
    }
    if (moved.isEmpty()) {
      return "";
    }
    String cos = p.cosine().isPresent() ? cosine(p) + " cos" : cosine(p);
    return cos + " · " + String.join(" · ", moved);
  }

  /** The decay factor; past about 0.001 as a power of two, which does not round to 0. */
  private static String factor(ScoreParts.Recency r) {
    return r.factor() >= 0.001
        ? String.format(Locale.ROOT, "%.3f", r.factor())
        : String.format(Locale.ROOT, "2^%.1f", r.log2Decay());
  }

  private static String age(double days) {
    if (days < 1) {
      return String.format(Locale.ROOT, "%.0f h", days * 24);
    }
    return days < 365.25
        ? String.format(Locale.ROOT, "%.0f d", days)
        : String.format(Locale.ROOT, "%.1f y", days / 365.25);
  }
}
