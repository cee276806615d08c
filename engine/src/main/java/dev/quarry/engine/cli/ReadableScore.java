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
      moved.add(r.date() == null ? "recency: undated, after the dated hits" : "recency " + when(r));
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
    if (p.textNamesExcluded()) {
      moved.add(excludedText(p));
    }
    if (moved.isEmpty()) {
      return "";
    }
    String cos = p.cosine().isPresent() ? cosine(p) + " cos" : cosine(p);
    return cos + " · " + String.join(" · ", moved);
  }

  /**
   * Every part in words and numbers, for {@code --explain}: "cosine 0.71 − exclusion penalty 0.12 =
   * 0.59 · BM25 5.2 · fused (rank fusion) 0.0323 · recency: relevance 0.91 (passed the gate), …".
   */
  static String parts(ScoreParts p) {
    List<String> out = new ArrayList<>();
    if (p.cosine().isPresent()) {
      double penalty = p.exclusionPenalty().orElse(0);
      out.add(
          penalty > 0
              ? String.format(
                  Locale.ROOT,
                  "cosine %.3f − exclusion penalty %.3f = %.3f",
                  p.cosine().getAsDouble(),
                  penalty,
                  p.vectorFinal().getAsDouble())
              : String.format(Locale.ROOT, "cosine %.3f", p.cosine().getAsDouble()));
    }
    if (p.keyword().isPresent()) {
      boolean changed =
          p.keywordFinal().isPresent()
              && p.keywordFinal().getAsDouble() != p.keyword().getAsDouble();
      out.add(
          changed
              ? String.format(
                  Locale.ROOT,
                  "BM25 %.2f (%.2f as a share of the best, after the exclusion penalty)",
                  p.keyword().getAsDouble(),
                  p.keywordFinal().getAsDouble())
              : String.format(Locale.ROOT, "BM25 %.2f", p.keyword().getAsDouble()));
    }
    p.fused().ifPresent(f -> out.add(String.format(Locale.ROOT, "rank fusion %.4f", f)));
    ScoreParts.Recency r = p.recency();
    if (r != null) {
      String gate =
          String.format(
              Locale.ROOT,
              "recency: relevance %.2f (%s the gate)",
              r.relevance(),
              r.relevant() ? "passed" : "below");
      out.add(
          !r.relevant()
              ? gate + ", ranked after the relevant ones"
              : r.date() == null
                  ? gate + ", undated: after the dated ones"
                  : gate
                      + ", "
                      + when(r)
                      + String.format(Locale.ROOT, ", ranking score %.4f", r.score()));
    }
    if (p.titledAfterExcluded()) {
      out.add("title names the excluded topic: ranked last");
    }
    if (p.textNamesExcluded()) {
      out.add(excludedText(p));
    }
    return String.join(" · ", out);
  }

  /**
   * A dated hit's place under recency: "newest first: 2 of 7 (2020-05-01, 6 years 7 months old),
   * decay 0.93".
   */
  private static String when(ScoreParts.Recency r) {
    String place =
        r.newer() < 0
            ? ""
            : r.newer() == 0
                ? "newest first: 1 of " + r.dated() + " "
                : "newest first: " + (r.newer() + 1) + " of " + r.dated() + " ";
    return place
        + "("
        + r.date().toString().substring(0, 10)
        + ", "
        + age(r.ageDays().getAsDouble())
        + " old), decay "
        + factor(r);
  }

  /**
   * The decay factor as a plain number; below 0.001 it only says so (the place tells the order).
   */
  private static String factor(ScoreParts.Recency r) {
    return r.factor() >= 0.001 ? String.format(Locale.ROOT, "%.3f", r.factor()) : "below 0.001";
  }

  /**
   * An age in words: hours, days, months, or years and months. Whole days are counted down, as ages
   * are: with {@code --as-of 2026-12-08} (the end of that day) a note dated the 7th is "1 day" old,
   * not "2 days" for its 1.99.
   */
  static String age(double days) {
    if (days < 1) {
      long h = Math.round(days * 24);
      return h + (h == 1 ? " hour" : " hours");
    }
    if (days < 61) {
      long d = (long) Math.floor(days);
      return d + (d == 1 ? " day" : " days");
    }
    long months = Math.round(days / (365.25 / 12));
    if (months < 24) {
      return months + " months";
    }
    long years = months / 12;
    long rest = months % 12;
    return years + " years" + (rest == 0 ? "" : rest == 1 ? " 1 month" : " " + rest + " months");
  }

  private static String excludedText(ScoreParts p) {
    return p.excludedKind()
        .map(kind -> "text names " + kind + ", excluded: ranked after the rest")
        .orElse("text opens on the excluded topic: ranked after the rest");
  }
}
