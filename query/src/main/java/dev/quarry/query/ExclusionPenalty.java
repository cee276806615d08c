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
 * (docs/decisions/0004-negation.md).
 */
final class ExclusionPenalty {
  /** How many of the most relevant candidates say what a nearby topic shares with an exclusion. */
  static final int TYPICAL = 40;

  private final float[] excluded;
  private final double weight;
  private final double floor;

  ExclusionPenalty(float[] excluded, double weight, double floor) {
    this.excluded = excluded;
    this.weight = weight;
    this.floor = floor;
  }

  double of(double similarity) {
    return weight * Math.max(0, similarity - floor);
  }

  double similarity(float[] vector) {
    return Vectors.dot(excluded, vector);
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
    // Each candidate's similarity to the excluded part, in vector order.
    double[] sims =
        vectorRanked.stream()
            .mapToDouble(c -> Vectors.dot(excludedVector, c.document(collection).vector()))
            .toArray();
    double floor = 0;
    if (negation.relative()) {
      floor = typicalSimilarity(sims);
      plan.add(
          String.format(
              Locale.ROOT,
              "negation: the penalty counts only similarity to the excluded part above %.2f,"
                  + " the median of the %d most relevant candidates",
              floor,
              Math.min(TYPICAL, vectorRanked.size())));
    }
    ExclusionPenalty penalty = new ExclusionPenalty(excludedVector, weight, floor);
    for (int i = 0; i < vectorRanked.size(); i++) {
      vectorRanked.get(i).penalty = penalty.of(sims[i]);
    }
    return penalty;
  }

  /**
   * Orders the keyword leg by BM25 (as a share of the best) minus the exclusion's penalty, as the
   * vector leg subtracts it from the similarity, and takes out of it the candidates left with no
   * keyword score, which it returns. Without this, a hybrid search returns the excluded documents
   * through the keyword leg: they share the asked topic's words ("gardening" in "gardening tips but
   * not vegetables"), and rank fusion counts only their rank there
   * (docs/decisions/0004-negation.md). With no penalty, the keyword score is BM25.
   */
  static List<Candidate> onKeywordLeg(
      List<Candidate> keyword, ExclusionPenalty penalty, Collection collection, Plan plan) {
    if (penalty == null) {
      keyword.forEach(c -> c.keywordFinal = c.keyword);
      return List.of();
    }
    double top = keyword.stream().mapToDouble(c -> c.keyword).max().orElse(1);
    for (Candidate c : keyword) {
      // Vector candidates carry their penalty already; keyword-only ones get it here.
      if (Double.isNaN(c.penalty)) {
        c.penalty = penalty.of(penalty.similarity(c.document(collection).vector()));
      }
      c.keywordFinal = c.keyword / top - c.penalty;
    }
    keyword.sort(Comparator.comparingDouble((Candidate c) -> c.keywordFinal).reversed());
    List<Candidate> dropped = new ArrayList<>();
    while (!keyword.isEmpty() && keyword.getLast().keywordFinal <= 0) {
      dropped.add(keyword.removeLast());
    }
    plan.add(
        "negation: keyword scores are BM25 as a share of the best, minus the penalty; "
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
