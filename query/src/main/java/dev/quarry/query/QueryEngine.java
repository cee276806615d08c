package dev.quarry.query;

import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.query.spi.FilterCompiler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link SearchRequest}s against a collection as a pipeline of stages: plan ({@link Planner}:
 * interpretation, time handling, filter), the vector leg ({@link VectorLeg}: filtered HNSW or an
 * exact scan), the keyword leg ({@link KeywordLeg}: BM25), {@link Fusion}, then the re-rankers: the
 * exclusion penalty ({@link ExclusionPenalty}, applied inside each leg), recency ({@link
 * RecencyReranker}), title demotion ({@link TitleDemotion}), grouping and paging. Explain collects
 * each stage's decisions.
 *
 * <p>Thread-safe. Does not own the collection or the embedder.
 */
public final class QueryEngine {
  private final Collection collection;
  private final Embedder embedder;
  private final Clock clock;

  /** {@code embedder} may be null for collections searched by vector and keyword only. */
  public QueryEngine(Collection collection, Embedder embedder) {
    this(collection, embedder, Clock.systemUTC());
  }

  public QueryEngine(Collection collection, Embedder embedder, Clock clock) {
    this.collection = collection;
    this.embedder = embedder;
    this.clock = clock;
  }

  public SearchResult search(SearchRequest r) {
    long start = System.nanoTime();
    Plan plan = new Plan(r.explain());
    FilterCompiler compiler =
        new FilterCompiler(collection.fields(), collection.lucene().analyzer());
    SearchPlan p = new Planner(collection, compiler, clock.instant(), plan).plan(r);
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    VectorLeg.Result vector = new VectorLeg(collection, embedder, plan).run(r, p, candidates);
    KeywordLeg.Result keyword =
        new KeywordLeg(collection, compiler, plan).run(r, p, vector.penalty(), candidates);
    boolean fused = Fusion.score(r.fusion(), vector, keyword, plan);
    List<Candidate> ranked = new ArrayList<>(candidates.values());
    ranked.removeIf(
        c -> c.score == Double.NEGATIVE_INFINITY && !c.inVectorLeg() && !c.inKeywordLeg());
    new RecencyReranker(collection, embedder, plan)
        .rerank(
            r.recency(),
            p,
            ranked,
            vector.ran() ? vector.ranked() : keyword.ranked(),
            vector.ran(),
            fused);
    ranked.sort(
        Comparator.comparingDouble((Candidate c) -> c.score).reversed().thenComparing(c -> c.id));
    if (p.demoted() != null) {
      ExcludedKinds kinds = ExcludedKinds.of(p.titles(), p.demoted().positive());
      ranked =
          TitleDemotion.demote(
              ranked,
              p.titles(),
              kinds,
              p.demoted(),
              p.exclusion() != null ? "negation" : "free of",
              collection,
              plan);
    }
    if (r.minScore().isPresent()) {
      ranked = atLeast(ranked, r.minScore().getAsDouble(), plan);
    }
    if (r.groupByParent()) {
      ranked = groupByParent(ranked, plan);
    }
    return new SearchResult(page(ranked, r.offset(), p.want()), plan.lines(), millisSince(start));
  }

  /** The candidates whose cosine similarity reaches {@code min}, before grouping and paging. */
  private static List<Candidate> atLeast(List<Candidate> ranked, double min, Plan plan) {
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : ranked) {
      if (c.cosine >= min) {
        kept.add(c);
      }
    }
    plan.add(
        String.format(
            java.util.Locale.ROOT,
            "min-score: %d of %d candidates have a cosine similarity ≥ %.2f (keyword-only ones have"
                + " none)",
            kept.size(),
            ranked.size(),
            min));
    return kept;
  }

  /** The best chunk of each parent document, in rank order. */
  private List<Candidate> groupByParent(List<Candidate> ranked, Plan plan) {
    Map<String, Candidate> best = new LinkedHashMap<>();
    for (Candidate c : ranked) {
      String parent = c.document(collection).parent();
      best.putIfAbsent(parent != null ? parent : c.id, c);
    }
    plan.add("group: best chunk of each of " + best.size() + " parent documents");
    return new ArrayList<>(best.values());
  }

  /** The hits from {@code offset} up to {@code want}. */
  private List<SearchHit> page(List<Candidate> ranked, int offset, int want) {
    List<SearchHit> hits = new ArrayList<>();
    for (int i = offset; i < Math.min(ranked.size(), want); i++) {
      Candidate c = ranked.get(i);
      hits.add(new SearchHit(c.id, c.score, c.document(collection), c.parts()));
    }
    return hits;
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
