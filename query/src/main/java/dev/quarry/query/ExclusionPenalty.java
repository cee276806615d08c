package dev.quarry.query;

import dev.quarry.core.Embedder;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.index.Collection;
import dev.quarry.query.interpret.Exclusion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An exclusion's vector penalty: its weight times the similarity to the excluded part above the
 * floor (0 unless {@link SearchRequest.Negation#relative}). Both legs take it
 * (docs/decisions/0004-negation.md). On the vector leg a relative floor also follows the
 * candidate's similarity to the asked part ({@link Expected}, decision 0140).
 */
final class ExclusionPenalty {
  /** How many of the most relevant candidates say what a nearby topic shares with an exclusion. */
  static final int TYPICAL = 40;

  private final float[] excluded;
  private final double weight;
  private final double floor;
  private final ExcludedTitles titles;

  /** {@code titles} null: no document is spared for naming the excluded part only negated. */
  ExclusionPenalty(float[] excluded, double weight, double floor, ExcludedTitles titles) {
    this.excluded = excluded;
    this.weight = weight;
    this.floor = floor;
    this.titles = titles;
  }

  /**
   * Whether the candidate names the excluded part only as what it lacks or is not ("it has no
   * GPS"): its text is close to the excluded part for naming it, yet it is what the exclusion
   * leaves in, so it takes no penalty (decision 0152).
   */
  boolean spares(Candidate c, Collection collection) {
    return titles != null && TitleDemotion.onlyNegates(c, titles, collection);
  }

  double of(double similarity) {
    return weight * Math.max(0, similarity - floor);
  }

  /**
   * The penalty of a candidate whose similarity to the asked part is {@code asked}: only the
   * similarity to the excluded part above what the most relevant candidates as close to the asked
   * part have counts, and never less than above the floor.
   */
  double of(double similarity, double asked, Expected expected) {
    return weight * Math.max(0, similarity - Math.max(floor, expected.at(asked)));
  }

  double similarity(float[] vector) {
    return Vectors.dot(excluded, vector);
  }

  /**
   * Similarity to the excluded part as a straight line of similarity to the asked part, fitted by
   * least squares over the most relevant candidates. Documents on the asked topic share more with a
   * nearby excluded part the closer they are to the asked part ("Caro-Kann notes" and "Najdorf
   * notes" for "openings for black, not the Sicilian"); one constant floor, set mostly by the less
   * relevant candidates, takes all of them for the excluded one. What a candidate has above the
   * line is what sets it apart. The line keeps half the least-squares slope: the excluded documents
   * are among the points it is fitted on and steepen it, and the full slope let more of them
   * through on the dev set and the tuning split (decision 0140).
   *
   * @param meanAsked mean similarity to the asked part
   * @param meanExcluded mean similarity to the excluded part
   * @param slope how much the excluded similarity rises per unit of asked similarity
   */
  record Expected(double meanAsked, double meanExcluded, double slope) {
    static final Expected NONE = new Expected(0, Double.NEGATIVE_INFINITY, 0);

    /** The share of the least-squares slope kept (decision 0140: 0.5, 0.75 and 1 measured). */
    static final double SLOPE_SHARE = 0.5;

    /** The line over the first {@link #TYPICAL} pairs ({@code asked[i]}, {@code excluded[i]}). */
    static Expected fit(double[] asked, double[] excluded) {
      int n = Math.min(TYPICAL, Math.min(asked.length, excluded.length));
      if (n < 2) {
        return NONE;
      }
      double ma = 0;
      double me = 0;
      for (int i = 0; i < n; i++) {
        ma += asked[i];
        me += excluded[i];
      }
      ma /= n;
      me /= n;
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < n; i++) {
        sxx += (asked[i] - ma) * (asked[i] - ma);
        sxy += (asked[i] - ma) * (excluded[i] - me);
      }
      return new Expected(ma, me, sxx == 0 ? 0 : SLOPE_SHARE * sxy / sxx);
    }

    double at(double asked) {
      return meanExcluded + slope * (asked - meanAsked);
    }
  }

  /**
   * Measures the penalty on the vector leg's candidates (in vector order) and sets each one's; null
   * when no penalty applies (no exclusion, a weight of 0, or no embedder).
   */
  static ExclusionPenalty onVectorLeg(
      SearchRequest.Negation negation,
      Exclusion exclusion,
      ExcludedTitles titles,
      List<Candidate> vectorRanked,
      Embedder embedder,
      Collection collection,
      Plan plan) {
    if (exclusion == null) {
      return null;
    }
    boolean titled = titles != null && TitleDemotion.anyTitled(vectorRanked, titles, collection);
    double weight = negation.penaltyFor(titled);
    if (weight != negation.penalty()) {
      plan.add(
          String.format(
              Locale.ROOT,
              "negation: no candidate is titled after the excluded part or opens on it, so its penalty"
                  + " is %.2f",
              weight));
    }
    if (weight <= 0 || embedder == null) {
      return null;
    }
    float[] excludedVector = embedder.embed(exclusion.excluded(), Role.QUERY);
    // Each candidate's similarity to the excluded part and to the asked part, in vector order.
    double[] sims =
        vectorRanked.stream()
            .mapToDouble(c -> Vectors.dot(excludedVector, c.document(collection).vector()))
            .toArray();
    double[] asked = vectorRanked.stream().mapToDouble(c -> c.cosine).toArray();
    double floor = 0;
    Expected expected = Expected.NONE;
    if (negation.relative()) {
      floor = typicalSimilarity(sims);
      expected = Expected.fit(asked, sims);
      plan.add(
          String.format(
              Locale.ROOT,
              "negation: the penalty counts only similarity to the excluded part above %.2f, the"
                  + " median of the %d most relevant candidates, and on the vector leg above"
                  + " %.2f + %.2f × (similarity to the asked part − %.2f), what those candidates"
                  + " share with it at that similarity",
              floor,
              Math.min(TYPICAL, vectorRanked.size()),
              expected.meanExcluded(),
              expected.slope(),
              expected.meanAsked()));
    }
    ExclusionPenalty penalty = new ExclusionPenalty(excludedVector, weight, floor, titles);
    List<String> spared = new ArrayList<>();
    for (int i = 0; i < vectorRanked.size(); i++) {
      Candidate c = vectorRanked.get(i);
      // Reading the text only where there is a penalty to waive: most candidates have none.
      double own = penalty.of(sims[i], asked[i], expected);
      boolean spare = own > 0 && penalty.spares(c, collection);
      c.penalty = spare ? 0 : own;
      if (spare) {
        spared.add(c.id);
      }
    }
    if (!spared.isEmpty()) {
      plan.add(
          "negation: no penalty for "
              + spared.size()
              + " candidate(s) that name the excluded part only as what they lack or are not"
              + " (\"has no …\", \"non-…\"): "
              + String.join(", ", spared.subList(0, Math.min(5, spared.size())))
              + (spared.size() > 5 ? ", …" : ""));
    }
    return penalty;
  }

  /**
   * Orders the keyword leg by BM25 (as a share of the best) minus the exclusion's penalty above the
   * floor alone, and takes out of it the candidates left with no keyword score, which it returns.
   * Without this, a hybrid search returns the excluded documents through the keyword leg: they
   * share the asked topic's words ("gardening" in "gardening tips but not vegetables"), and rank
   * fusion counts only their rank there (docs/decisions/0004-negation.md). The keyword leg keeps
   * the constant floor: a keyword match is no evidence of closeness to the asked part, and the
   * vector leg's higher floor let excluded documents back through it (decision 0140). With no
   * penalty, the keyword score is BM25.
   */
  static List<Candidate> onKeywordLeg(
      List<Candidate> keyword, ExclusionPenalty penalty, Collection collection, Plan plan) {
    if (penalty == null) {
      keyword.forEach(c -> c.keywordFinal = c.keyword);
      return List.of();
    }
    double top = keyword.stream().mapToDouble(c -> c.keyword).max().orElse(1);
    for (Candidate c : keyword) {
      double own = penalty.of(penalty.similarity(c.document(collection).vector()));
      if (own > 0 && penalty.spares(c, collection)) {
        own = 0;
      }
      // A keyword-only candidate shows this penalty; a vector candidate keeps its leg's.
      if (Double.isNaN(c.penalty)) {
        c.penalty = own;
      }
      c.keywordFinal = c.keyword / top - own;
    }
    keyword.sort(Comparator.comparingDouble((Candidate c) -> c.keywordFinal).reversed());
    List<Candidate> dropped = new ArrayList<>();
    while (!keyword.isEmpty() && keyword.getLast().keywordFinal <= 0) {
      dropped.add(keyword.removeLast());
    }
    plan.add(
        "negation: keyword scores are BM25 as a share of the best, minus the penalty above the"
            + " median; "
            + dropped.size()
            + " candidate(s) fell to 0 or below and left the keyword leg");
    return dropped;
  }

  /**
   * The median of the first {@link #TYPICAL} similarities to the excluded part ({@code sims} is in
   * the candidates' vector order, most relevant first): what the wanted documents share with it by
   * being on a nearby topic.
   */
  static double typicalSimilarity(double[] sims) {
    double[] top = Arrays.copyOf(sims, Math.min(TYPICAL, sims.length));
    Arrays.sort(top);
    return top.length == 0 ? 0 : Math.max(0, top[top.length / 2]);
  }
}
