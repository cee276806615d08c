package dev.quarry.query;

import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.query.rank.RecencyOrder;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * The recency re-ranker: decides fresh coverage when no cue did, then ranks the relevant candidates
 * by score × decay in log space ({@link RecencyOrder}); the others, and undated ones, follow
 * (docs/decisions/0005-recency-gate.md, 0022-fresh-coverage.md, 0030, 0031).
 */
final class RecencyReranker {
  /**
   * Fresh coverage: fresh documents must be {@value #FRESH_LIFT} times more common than chance
   * would put in the {@value #FRESH_TOP} most relevant candidates. With a similarity floor (the
   * model's {@link Embedder#topicalSimilarity()}), it reads the {@value #FRESH_DEEP} most relevant
   * ones for them: the floor keeps the deeper ones that are off the topic from counting.
   */
  private static final int FRESH_TOP = 10;

  private static final int FRESH_DEEP = 15;

  private static final int FRESH_LIFT = 4;

  private final Collection collection;
  private final Embedder embedder;
  private final Plan plan;

  RecencyReranker(Collection collection, Embedder embedder, Plan plan) {
    this.collection = collection;
    this.embedder = embedder;
    this.plan = plan;
  }

  /**
   * Re-ranks {@code ranked} (scores set, not yet sorted) when the decay applies: for certain, or by
   * fresh coverage of the relevance order {@code byRelevance}.
   */
  void rerank(
      SearchRequest.Recency recency,
      SearchPlan p,
      List<Candidate> ranked,
      List<Candidate> byRelevance,
      boolean vectorLeg,
      boolean fused) {
    if (ranked.isEmpty()) {
      return;
    }
    SearchPlan.Time time = p.time();
    boolean decay = time.decay();
    if (time.byCoverage()) {
      // With no filter but as-of, the counts are point-range counts, which Lucene answers from
      // the BKD tree without visiting documents.
      decay =
          freshCoverage(
              byRelevance, vectorLeg, p.asOfOnly() ? null : p.filter(), recency, time.asOf());
    }
    if (decay) {
      decay(recency, time.asOf(), ranked, vectorLeg, fused);
    }
  }

  /**
   * Recency decay, only among candidates that are relevant: in a broad collection, decaying every
   * candidate would rank any recent document above an older relevant one. Candidates whose min-max
   * normalized relevance reaches the gate are ranked by score × decay, in log space; the others
   * follow them (docs/decisions/0005-recency-gate.md, 0030-recency-log-space.md).
   */
  private void decay(
      SearchRequest.Recency recency,
      Instant asOf,
      List<Candidate> ranked,
      boolean vectorLeg,
      boolean fused) {
    RecencyOrder order = new RecencyOrder(asOf, recency.halfLife());
    // Relevance for the gate: the vector similarity when there is one (fused rank scores are too
    // flat to tell relevant from not), else the score.
    ToDoubleFunction<Candidate> base = vectorLeg ? Candidate::vectorFinal : c -> c.score;
    MinMax relevance = MinMax.of(ranked, base);
    MinMax fusedScores = fused ? MinMax.of(ranked, c -> c.score) : null;
    int eligible = 0;
    int undated = 0;
    for (Candidate c : ranked) {
      double b = base.applyAsDouble(c);
      double rel = relevance.normalize(b);
      boolean relevant = rel >= recency.gate();
      // Within the gate, what is decayed is the mode's own ranking: a fused score (min-max
      // normalized) keeps the keyword evidence of a hybrid search; a vector search decays the
      // similarity itself (at most 1), since min-max relevance would exaggerate small similarity
      // gaps against the age.
      double within =
          !relevant
              ? rel
              : fused
                  ? fusedScores.normalize(c.score)
                  : vectorLeg ? Math.max(0, Math.min(1, Double.isNaN(b) ? 0 : b)) : rel;
      Object date = c.document(collection).first(recency.dateField());
      RecencyOrder.Rank rank = order.rank(relevant, within, date instanceof Instant t ? t : null);
      eligible += relevant ? 1 : 0;
      undated += relevant && !rank.dated() ? 1 : 0;
      c.score = rank.score();
      c.recency =
          new ScoreParts.Recency(
              rel,
              relevant,
              rank.date(),
              rank.dated() ? OptionalDouble.of(rank.ageDays()) : OptionalDouble.empty(),
              rank.log2Decay(),
              rank.factor(),
              rank.score(),
              -1,
              0);
    }
    placeByDate(ranked);
    String decayed = fused ? "fused score" : vectorLeg ? "similarity" : "score";
    plan.add(
        String.format(
            Locale.ROOT,
            "recency: decay re-ranked the %d candidates with normalized relevance ≥ %.2f"
                + " (ln %s − ln 2 × age / half-life, the log of %s × 0.5^(age / half-life));"
                + " the others follow",
            eligible,
            recency.gate(),
            decayed,
            decayed));
    plan.add(
        undated == 0
            ? "recency: undated documents follow the dated ones (none among the relevant)"
            : "recency: "
                + undated
                + " relevant candidate(s) have no '"
                + recency.dateField()
                + "' and follow the dated relevant ones, by relevance");
  }

  /**
   * Sets each relevant dated candidate's place among them by date, newest first, so that explain
   * can say "the newest of 7" instead of a decay factor that reads as 0 years before as-of.
   */
  private static void placeByDate(List<Candidate> ranked) {
    List<Candidate> dated =
        ranked.stream()
            .filter(c -> c.recency.relevant() && c.recency.date() != null)
            .sorted(Comparator.comparing((Candidate c) -> c.recency.date()).reversed())
            .toList();
    int newer = 0;
    for (int i = 0; i < dated.size(); i++) {
      Candidate c = dated.get(i);
      ScoreParts.Recency r = c.recency;
      if (i > 0 && dated.get(i - 1).recency.date().isAfter(r.date())) {
        newer = i; // candidates of the same date share a place
      }
      c.recency =
          new ScoreParts.Recency(
              r.relevance(),
              r.relevant(),
              r.date(),
              r.ageDays(),
              r.log2Decay(),
              r.factor(),
              r.score(),
              newer,
              dated.size());
    }
  }

  /**
   * Fresh coverage ("query deserves freshness"): a query without a recency cue still asks for the
   * news when the collection covers its topic freshly, that is when one of the most relevant
   * candidates is dated within the fresh window before as-of, and such documents are at least
   * {@value #FRESH_LIFT} times more common than chance would put in a top {@value #FRESH_TOP}, so
   * that a collection written mostly last week is not fresh everywhere. With vector candidates and
   * a model whose topical similarity is known, a fresh one counts only if its similarity reaches
   * it, since a topic the collection does not cover is not covered freshly either, and the {@value
   * #FRESH_DEEP} most relevant are read; otherwise (BM25 scores have no such scale) candidates
   * count by date alone, among the {@value #FRESH_TOP} most relevant
   * (docs/decisions/0022-fresh-coverage.md).
   */
  private boolean freshCoverage(
      List<Candidate> byRelevance,
      boolean bySimilarity,
      Query filter,
      SearchRequest.Recency recency,
      Instant asOf) {
    Instant from = asOf.minus(recency.fresh());
    // A fresh candidate counts only when its similarity reaches the model's topical similarity: a
    // question the collection does not cover still has ten most relevant candidates, and one of
    // them is fresh by chance (docs/decisions/0022-fresh-coverage.md, Update).
    // A caller's own query vector can come without an embedder, and so without a calibration.
    OptionalDouble floor =
        bySimilarity && embedder != null ? embedder.topicalSimilarity() : OptionalDouble.empty();
    int depth = floor.isPresent() ? FRESH_DEEP : FRESH_TOP;
    List<Candidate> top = byRelevance.subList(0, Math.min(depth, byRelevance.size()));
    int freshTop = 0;
    for (Candidate c : top) {
      if (c.document(collection).first(recency.dateField()) instanceof Instant t
          && !t.isBefore(from)
          && !t.isAfter(asOf)
          && (floor.isEmpty() || c.vectorFinal() >= floor.getAsDouble())) {
        freshTop++;
      }
    }
    Query dated = LongPoint.newRangeQuery(recency.dateField(), Long.MIN_VALUE, asOf.toEpochMilli());
    Query fresh =
        LongPoint.newRangeQuery(recency.dateField(), from.toEpochMilli(), asOf.toEpochMilli());
    Query searched = filter == null ? dated : both(filter, dated);
    Query recent = filter == null ? fresh : both(filter, fresh);
    long[] counts =
        collection.lucene().withSearcher(s -> new long[] {s.count(searched), s.count(recent)});
    double share = counts[0] == 0 ? 0 : (double) counts[1] / counts[0];
    // The count chance puts in a top 10, whichever depth is read: reading 15 finds the fresh
    // answer ranked 11th without asking for two fresh documents where one was enough.
    double chance = share * Math.min(FRESH_TOP, byRelevance.size());
    boolean fires = freshTop > 0 && freshTop >= FRESH_LIFT * chance;
    plan.add(
        String.format(
            Locale.ROOT,
            "recency: %d of the %d most relevant candidates are dated within %d d before as-of%s,"
                + " against %.1f%% of the dated documents searched: %s",
            freshTop,
            top.size(),
            recency.fresh().toDays(),
            floor.isPresent()
                ? String.format(Locale.ROOT, " with similarity ≥ %.2f", floor.getAsDouble())
                : bySimilarity ? " (no topical similarity known for this model)" : "",
            100 * share,
            fires
                ? "fresh coverage, decay applied, half-life " + recency.halfLife().toDays() + " d"
                : "no fresh coverage, decay not applied"));
    return fires;
  }

  private static Query both(Query a, Query b) {
    return new BooleanQuery.Builder()
        .add(a, BooleanClause.Occur.FILTER)
        .add(b, BooleanClause.Occur.FILTER)
        .build();
  }
}
