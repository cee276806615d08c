package dev.quarry.query;

import dev.quarry.core.Embedder;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.index.FieldType;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.KnnResult;
import dev.quarry.index.internal.LuceneDocs;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.filter.FilterCompiler;
import dev.quarry.query.filter.FilterText;
import dev.quarry.query.rank.RecencyOrder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Runs {@link SearchRequest}s against a collection: filters inside the HNSW search (or an exact
 * scan when few documents pass), BM25 keyword search, hybrid fusion, recency (as-of exclusion,
 * windows, decay on intent) and natural-language exclusion, with an explain plan.
 *
 * <p>Thread-safe. Does not own the collection or the embedder.
 */
public final class QueryEngine {
  /** BM25 weight of a title match against a text match: titles name what a document is about. */
  private static final double TITLE_BOOST = 1.5;

  /** How many of the most relevant candidates say what a nearby topic shares with an exclusion. */
  private static final int TYPICAL = 40;

  /**
   * Fresh coverage: fresh documents must be {@value #FRESH_LIFT} times more common than chance
   * would put in the {@value #FRESH_TOP} most relevant candidates. With a similarity floor (the
   * model's {@link Embedder#topicalSimilarity()}), it reads the {@value #FRESH_DEEP} most relevant
   * ones for them: the floor keeps the deeper ones that are off the topic from counting.
   */
  private static final int FRESH_TOP = 10;

  private static final int FRESH_DEEP = 15;

  private static final int FRESH_LIFT = 4;

  /**
   * Question words carry no topic; in BM25 they only add stray matches. Dropped from keyword
   * queries (documents keep them).
   */
  static final Set<String> QUESTION_WORDS =
      Set.of(
          "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "do", "does",
          "did", "can", "could", "should", "would", "i", "you", "my", "your", "me", "we", "our");

  private static final double LIKE_WEIGHT = 1.0;
  private static final double UNLIKE_WEIGHT = 0.5;

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

  /** Collects the plan lines when explain is on. */
  private static final class Plan {
    final boolean on;
    final List<String> lines = new ArrayList<>();

    Plan(boolean on) {
      this.on = on;
    }

    void add(String line) {
      if (on) {
        lines.add(line);
      }
    }
  }

  /** A candidate and its score parts while ranking. */
  private static final class Candidate {
    final String id;
    final Map<String, Double> parts = new LinkedHashMap<>();
    double score;
    Document doc;
    ExcludedTitles.Match titleMatch; // computed once, when title demotion needs it

    Candidate(String id) {
      this.id = id;
    }
  }

  public SearchResult search(SearchRequest r) {
    long start = System.nanoTime();
    Plan plan = new Plan(r.explain());
    FilterCompiler compiler = new FilterCompiler(collection.fields(), collection.analyzer());
    QueryText qt = r.text() == null ? QueryText.parse("") : QueryText.parse(r.text());

    // Natural-language exclusion, read from the sentence, where quoted phrases stay in place with
    // their quotation marks: exclusions often quote the title they exclude ("Except for "The Glass
    // House", which …"), and words inside a quotation are never cues.
    NegationDetector.Exclusion found =
        r.negation().detect() ? NegationDetector.detect(qt.sentence()) : null;
    NegationDetector.Exclusion exclusion =
        found == null
            ? null
            : new NegationDetector.Exclusion(
                QueryText.unquoted(found.positive()),
                QueryText.unquoted(found.excluded()),
                found.cue());
    ExcludedTitles titles =
        exclusion != null && r.negation().demoteTitled()
            ? new ExcludedTitles(exclusion.excluded(), exclusion.positive())
            : null;
    String semantic = qt.semantic();
    String keywords = qt.free();
    List<String> phrases = qt.phrases();
    if (exclusion != null) {
      if (r.negation().embedPositiveOnly()) {
        semantic = exclusion.positive();
      }
      keywords = exclusion.positive();
      // A quoted phrase inside the excluded part names what to leave out, so it is not required.
      phrases = phrases.stream().filter(p -> !exclusion.excluded().contains(p)).toList();
      plan.add(
          String.format(
              Locale.ROOT,
              "negation: '%s' detected; excluded \"%s\"; %s; vector penalty %.2f × similarity to it%s%s",
              exclusion.cue(),
              exclusion.excluded(),
              r.negation().embedPositiveOnly()
                  ? "embedding the positive part \"" + exclusion.positive() + "\""
                  : "embedding the whole query",
              r.negation().penalty(),
              r.negation().hardExclude()
                  ? "; documents containing it removed"
                  : "; no hard keyword exclusion",
              r.negation().demoteTitled() ? "; documents titled after it ranked last" : ""));
    }

    // Recency.
    SearchRequest.Recency recency = r.recency();
    boolean timeless = recency.dateField().isEmpty();
    boolean dated = !timeless && collection.fields().get(recency.dateField()) == FieldType.DATE;
    Instant asOf = recency.asOf() != null ? recency.asOf() : clock.instant();
    String cue = RecencyIntent.cue(r.text());
    boolean auto = dated && recency.mode() == SearchRequest.RecencyMode.AUTO;
    boolean decay =
        dated && recency.mode() == SearchRequest.RecencyMode.FORCED || auto && cue != null;
    // Auto without a cue: whether the collection covers the topic freshly decides, once the
    // candidates are known.
    boolean byCoverage = auto && cue == null && !recency.fresh().isZero();
    if (timeless) {
      plan.add("recency: none (time handling turned off by the request)");
    } else if (!dated) {
      plan.add(
          "recency: no date field '"
              + recency.dateField()
              + "' in this collection; no as-of exclusion or decay");
    } else {
      plan.add(
          "recency: as of "
              + asOf
              + " (documents dated later are excluded); decay "
              + (decay
                  ? "applied ("
                      + (cue != null && recency.mode() == SearchRequest.RecencyMode.AUTO
                          ? "auto: cue '" + cue + "'"
                          : "forced")
                      + "), half-life "
                      + recency.halfLife().toDays()
                      + " d"
                  : recency.mode() == SearchRequest.RecencyMode.OFF
                      ? "off"
                      : byCoverage
                          ? "only on fresh coverage (no recency cue in the query)"
                          : "not applied (no recency cue in the query)"));
    }

    // The filter: request filter, field:value terms, windows, as-of, exclusions.
    BooleanQuery.Builder fb = new BooleanQuery.Builder();
    boolean filtered = false;
    boolean positiveClause = false;
    List<String> filterParts = new ArrayList<>();
    if (r.filter() != null) {
      fb.add(compiler.compile(r.filter()), BooleanClause.Occur.FILTER);
      filtered = positiveClause = true;
      filterParts.add(FilterText.format(r.filter()));
    }
    for (Map.Entry<String, String> e : qt.fields().entrySet()) {
      Filter eq = Filter.eq(e.getKey(), typedValue(e.getKey(), e.getValue()));
      fb.add(compiler.compile(eq), BooleanClause.Occur.FILTER);
      filtered = positiveClause = true;
      filterParts.add(FilterText.format(eq));
    }
    if (dated) {
      String field = recency.dateField();
      Instant after =
          max(
              recency.after(),
              qt.after() == null ? null : qt.after().atStartOfDay(ZoneOffset.UTC).toInstant());
      Instant before =
          min(
              recency.before(),
              qt.before() == null ? null : qt.before().atStartOfDay(ZoneOffset.UTC).toInstant());
      if (after != null || before != null) {
        long lo = after == null ? Long.MIN_VALUE : after.toEpochMilli();
        long hi = before == null ? Long.MAX_VALUE : before.toEpochMilli() - 1;
        fb.add(LongPoint.newRangeQuery(field, lo, hi), BooleanClause.Occur.FILTER);
        filtered = positiveClause = true;
        filterParts.add(
            field
                + " in ["
                + (after == null ? "…" : after)
                + ", "
                + (before == null ? "…" : before)
                + ")");
      }
      fb.add(
          LongPoint.newRangeQuery(field, asOf.toEpochMilli() + 1, Long.MAX_VALUE),
          BooleanClause.Occur.MUST_NOT);
      filtered = true;
      filterParts.add(field + " <= as-of");
    } else if (qt.after() != null || qt.before() != null) {
      throw QuarryException.invalid(
          "after:/before: need a date field; this collection has no date field '"
              + recency.dateField()
              + "'");
    }
    for (String excluded : qt.excluded()) {
      fb.add(compiler.textContains(excluded), BooleanClause.Occur.MUST_NOT);
      filtered = true;
      filterParts.add("NOT text contains \"" + excluded + "\"");
    }
    if (exclusion != null && r.negation().hardExclude()) {
      if (compiler.analyze(exclusion.excluded()).isEmpty()) {
        // Typed text must never fail a search: a span of stop words cannot be matched, so skip it.
        plan.add(
            "negation: no hard exclusion: \""
                + exclusion.excluded()
                + "\" has no searchable words");
      } else {
        fb.add(compiler.textContains(exclusion.excluded()), BooleanClause.Occur.MUST_NOT);
        filtered = true;
        filterParts.add("NOT text contains \"" + exclusion.excluded() + "\"");
      }
    }
    if (filtered && !positiveClause) {
      fb.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    }
    Query filter = filtered ? fb.build() : null;
    if (filtered) {
      plan.add("filter: " + String.join(" AND ", filterParts));
    }

    int want = r.offset() + r.k();
    // Candidates to re-rank: fusion, a negation penalty, recency decay and grouping reorder them,
    // so they need a deeper list; a plain vector search keeps Lucene's order and needs only `want`
    // (a deeper list would also widen the graph walk's beam for nothing).
    boolean reranked =
        r.mode() != SearchRequest.Mode.VECTOR
            || exclusion != null
            || decay
            || byCoverage
            || r.groupByParent();
    int pool = reranked ? Math.min(2000, Math.max(100, want * (r.groupByParent() ? 10 : 2))) : want;
    Map<String, Candidate> candidates = new LinkedHashMap<>();

    // Vector leg.
    boolean canEmbed = embedder != null;
    boolean vectorLeg =
        r.mode() != SearchRequest.Mode.KEYWORD
            && (r.vector() != null || !r.like().isEmpty() || (canEmbed && !semantic.isBlank()));
    if (r.mode() != SearchRequest.Mode.KEYWORD && !vectorLeg) {
      plan.add("vector: skipped (no embedder for this collection); keyword only");
    }
    List<Candidate> vectorRanked = new ArrayList<>();
    Set<String> likeIds = new HashSet<>(r.like().ids());
    // The exclusion's vector penalty, which the keyword leg applies too (null: none).
    Penalty penalty = null;
    if (vectorLeg) {
      float[] q = queryVector(r, semantic, plan);
      List<Hit> hits = vectorSearch(q, pool + likeIds.size(), filter, r, plan);
      for (Hit h : hits) {
        if (likeIds.contains(h.id())) {
          continue; // more-like-this never returns its own examples
        }
        Candidate c = candidates.computeIfAbsent(h.id(), Candidate::new);
        c.parts.put("vector", (double) h.score());
        vectorRanked.add(c);
      }
      boolean titled = titles != null && anyTitled(vectorRanked, titles);
      double weight = exclusion == null ? 0 : r.negation().penaltyFor(titled);
      if (exclusion != null && weight != r.negation().penalty()) {
        plan.add(
            String.format(
                Locale.ROOT,
                "negation: no candidate is titled after the excluded part, so its penalty is %.2f",
                weight));
      }
      float[] excludedVector =
          weight > 0 && canEmbed ? embedder.embed(exclusion.excluded(), Role.QUERY) : null;
      // Each candidate's similarity to the excluded part, in vector order.
      double[] sims =
          excludedVector == null
              ? new double[0]
              : vectorRanked.stream()
                  .mapToDouble(c -> Vectors.dot(excludedVector, document(c).vector()))
                  .toArray();
      double floor = 0;
      if (excludedVector != null && r.negation().relative()) {
        floor = typicalSimilarity(sims);
        plan.add(
            String.format(
                Locale.ROOT,
                "negation: the penalty counts only similarity to the excluded part above %.2f,"
                    + " the median of the %d most relevant candidates",
                floor,
                Math.min(TYPICAL, vectorRanked.size())));
      }
      penalty = excludedVector == null ? null : new Penalty(excludedVector, weight, floor);
      for (int i = 0; i < vectorRanked.size(); i++) {
        Candidate c = vectorRanked.get(i);
        double score = c.parts.get("vector");
        if (penalty != null) {
          double p = penalty.of(sims[i]);
          c.parts.put("penalty", -p);
          score -= p;
        }
        c.parts.put("vectorFinal", score);
      }
      vectorRanked.sort(
          Comparator.comparingDouble((Candidate c) -> c.parts.get("vectorFinal")).reversed());
    }

    // Keyword leg.
    List<Candidate> keywordRanked = new ArrayList<>();
    boolean keywordLeg =
        r.mode() != SearchRequest.Mode.VECTOR && (!keywords.isBlank() || !phrases.isEmpty());
    if (keywordLeg) {
      Query bm25 = keywordQuery(compiler, keywords, phrases, filter);
      if (bm25 == null) {
        plan.add("keyword: no searchable words in the query");
      } else {
        plan.add("keyword: BM25 over title (boost " + TITLE_BOOST + ") and text: " + bm25);
        List<String[]> ranked =
            collection.withSearcher(
                searcher -> {
                  List<String[]> out = new ArrayList<>();
                  for (ScoreDoc sd : searcher.search(bm25, pool).scoreDocs) {
                    out.add(
                        new String[] {Collection.idOf(searcher, sd.doc), Float.toString(sd.score)});
                  }
                  return out;
                });
        for (String[] idScore : ranked) {
          if (likeIds.contains(idScore[0])) {
            continue;
          }
          Candidate c = candidates.computeIfAbsent(idScore[0], Candidate::new);
          c.parts.put("keyword", Double.parseDouble(idScore[1]));
          keywordRanked.add(c);
        }
      }
      for (Candidate c : penalizeKeywords(keywordRanked, penalty, plan)) {
        if (!c.parts.containsKey("vector")) {
          candidates.remove(c.id);
        }
      }
    }

    // Fusion.
    boolean fused = vectorLeg && keywordLeg && r.mode() == SearchRequest.Mode.HYBRID;
    if (fused) {
      fuse(r.fusion(), vectorRanked, keywordRanked, plan);
    } else if (vectorLeg) {
      vectorRanked.forEach(c -> c.score = c.parts.get("vectorFinal"));
      keywordRanked.forEach(c -> c.score = Double.NEGATIVE_INFINITY);
    } else {
      keywordRanked.forEach(c -> c.score = c.parts.get("keywordFinal"));
    }
    List<Candidate> ranked = new ArrayList<>(candidates.values());
    ranked.removeIf(
        c ->
            c.score == Double.NEGATIVE_INFINITY
                && !c.parts.containsKey("vectorFinal")
                && !c.parts.containsKey("keyword"));

    if (byCoverage && !ranked.isEmpty()) {
      // With no filter but as-of, the counts are point-range counts, which Lucene answers from
      // the BKD tree without visiting documents.
      boolean asOfOnly = filterParts.size() == 1;
      decay =
          freshCoverage(
              vectorLeg ? vectorRanked : keywordRanked,
              vectorLeg,
              asOfOnly ? null : filter,
              recency,
              asOf,
              plan);
    }

    // Recency decay, only among candidates that are relevant: in a broad collection, decaying
    // every candidate would rank any recent document above an older relevant one. Candidates whose
    // min-max normalized relevance reaches the gate are ranked by score × decay, in log space; the
    // others follow them (docs/decisions/0005-recency-gate.md, 0030-recency-log-space.md).
    if (decay && !ranked.isEmpty()) {
      RecencyOrder order = new RecencyOrder(asOf, recency.halfLife());
      // Relevance for the gate: the vector similarity when there is one (fused rank scores are
      // too flat to tell relevant from not), else the score.
      ToDoubleFunction<Candidate> base =
          vectorLeg ? c -> c.parts.getOrDefault("vectorFinal", Double.NaN) : c -> c.score;
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
        Object date = document(c).first(recency.dateField());
        RecencyOrder.Rank rank = order.rank(relevant, within, date instanceof Instant t ? t : null);
        eligible += relevant ? 1 : 0;
        undated += relevant && !rank.dated() ? 1 : 0;
        c.parts.put("relevance", rel);
        c.parts.put("decay", rank.factor());
        if (rank.dated()) {
          c.parts.put("ageDays", rank.ageDays());
          c.parts.put("log2Decay", rank.log2Decay());
        }
        c.score = rank.score();
        c.parts.put("final", c.score);
      }
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

    ranked.sort(
        Comparator.comparingDouble((Candidate c) -> c.score).reversed().thenComparing(c -> c.id));
    if (titles != null) {
      ranked = demoteTitled(ranked, titles, exclusion, plan);
    }
    if (r.groupByParent()) {
      ranked = groupByParent(ranked, plan);
    }
    List<SearchHit> hits = new ArrayList<>();
    for (int i = r.offset(); i < Math.min(ranked.size(), want); i++) {
      Candidate c = ranked.get(i);
      Map<String, Double> parts = r.explain() ? c.parts : Map.of();
      hits.add(new SearchHit(c.id, c.score, document(c), parts));
    }
    return new SearchResult(hits, plan.lines, (System.nanoTime() - start) / 1e6);
  }

  private Document document(Candidate c) {
    if (c.doc == null) {
      c.doc =
          collection
              .get(c.id)
              .orElseThrow(
                  () ->
                      new QuarryException(
                          QuarryException.Kind.CORRUPT,
                          "indexed id '" + c.id + "' is missing from the store; run verify"));
    }
    return c.doc;
  }

  private float[] queryVector(SearchRequest r, String semantic, Plan plan) {
    int dims = collection.config().dimensions();
    float[] q = new float[dims];
    boolean any = false;
    if (r.vector() != null) {
      add(q, r.vector(), 1);
      any = true;
      plan.add("vector: the request's vector");
    } else if (!semantic.isBlank()) {
      add(q, embedder.embed(semantic, Role.QUERY), 1);
      any = true;
      plan.add("vector: embedded \"" + semantic + "\" as a query");
    }
    float[] like = examples(r.like());
    if (like != null) {
      add(q, like, any ? LIKE_WEIGHT : 1);
      any = true;
      plan.add(
          "vector: + mean of "
              + (r.like().ids().size() + r.like().texts().size())
              + " positive examples");
    }
    float[] unlike = examples(r.unlike());
    if (unlike != null) {
      add(q, unlike, -UNLIKE_WEIGHT);
      plan.add(
          "vector: − "
              + UNLIKE_WEIGHT
              + " × mean of "
              + (r.unlike().ids().size() + r.unlike().texts().size())
              + " negative examples");
    }
    if (!any) {
      throw QuarryException.invalid(
          "nothing to search by vector: give text, a vector, or positive examples");
    }
    return Vectors.normalizeInPlace(q);
  }

  /** Mean of the examples' unit vectors, or null when there are none. */
  private float[] examples(SearchRequest.Examples ex) {
    if (ex.isEmpty()) {
      return null;
    }
    float[] sum = new float[collection.config().dimensions()];
    for (String id : ex.ids()) {
      Document d =
          collection
              .get(id)
              .orElseThrow(
                  () ->
                      new QuarryException(
                          QuarryException.Kind.NOT_FOUND,
                          "example document '" + id + "' does not exist"));
      add(sum, Vectors.normalizeInPlace(d.vector().clone()), 1);
    }
    if (!ex.texts().isEmpty()) {
      if (embedder == null) {
        throw QuarryException.invalid("example texts need an embedder; this collection has none");
      }
      for (float[] v : embedder.embed(ex.texts(), Role.PASSAGE).vectors()) {
        add(sum, v, 1);
      }
    }
    return Vectors.normalizeInPlace(sum);
  }

  private static void add(float[] acc, float[] v, double w) {
    if (v.length != acc.length) {
      throw QuarryException.invalid(
          "vector has " + v.length + " dimensions, the collection " + acc.length);
    }
    for (int i = 0; i < acc.length; i++) {
      acc[i] += (float) (w * v[i]);
    }
  }

  private List<Hit> vectorSearch(float[] q, int pool, Query filter, SearchRequest r, Plan plan) {
    KnnResult result = collection.knn(q, pool, filter, r.knn());
    double pct = result.total() == 0 ? 0 : 100.0 * result.passing() / result.total();
    plan.add(
        switch (result.strategy()) {
          case GRAPH -> "vector: HNSW search, beam " + result.beam() + ", no filter";
          case FILTERED_GRAPH ->
              String.format(
                  Locale.ROOT,
                  "vector: HNSW with the filter applied inside the graph search: %d documents (%.2f%%) pass; beam %d (efSearch %d × √%.3f: the filtered walk also looks two hops out)%s",
                  result.passing(),
                  pct,
                  result.beam(),
                  r.knn().efSearch(),
                  pct / 100,
                  r.knn().plan() == KnnOptions.Plan.GRAPH ? "; graph walk requested" : "");
          case EXACT_SCAN ->
              String.format(
                  Locale.ROOT,
                  "vector: exact scan of the %d documents (%.2f%%) that pass the filter: %s",
                  result.passing(),
                  pct,
                  r.knn().plan() == KnnOptions.Plan.EXACT
                      ? "exact scan requested"
                      : "fewer than a filtered graph walk would visit, so exact and cheaper");
        });
    return result.hits();
  }

  private Query keywordQuery(
      FilterCompiler compiler, String free, List<String> phrases, Query filter) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    boolean anyTerm = false;
    Set<String> words = new java.util.LinkedHashSet<>(compiler.analyze(free));
    words.removeAll(QUESTION_WORDS);
    for (String term : words) {
      terms.add(
          new BoostQuery(new TermQuery(new Term(LuceneDocs.TITLE, term)), (float) TITLE_BOOST),
          BooleanClause.Occur.SHOULD);
      terms.add(new TermQuery(new Term(LuceneDocs.TEXT, term)), BooleanClause.Occur.SHOULD);
      anyTerm = true;
    }
    if (anyTerm) {
      // A document has to match enough of the words: one stray shared word is noise that fusion
      // would otherwise reward. (MUST also keeps SHOULD from becoming optional beside FILTER.)
      terms.setMinimumNumberShouldMatch(words.size() >= 3 ? (words.size() + 1) / 2 : 1);
      b.add(terms.build(), BooleanClause.Occur.MUST);
      any = true;
    }
    for (String phrase : phrases) {
      b.add(compiler.textContains(phrase), BooleanClause.Occur.MUST);
      any = true;
    }
    if (!any) {
      return null;
    }
    if (filter != null) {
      b.add(filter, BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private static void fuse(
      SearchRequest.Fusion f, List<Candidate> vector, List<Candidate> keyword, Plan plan) {
    Map<Candidate, Double> fused = new HashMap<>();
    if (!f.weighted()) {
      plan.add("fusion: reciprocal rank fusion, k=" + f.rrfK());
      for (int i = 0; i < vector.size(); i++) {
        fused.merge(vector.get(i), 1.0 / (f.rrfK() + i + 1), Double::sum);
      }
      for (int i = 0; i < keyword.size(); i++) {
        fused.merge(keyword.get(i), 1.0 / (f.rrfK() + i + 1), Double::sum);
      }
    } else {
      plan.add(
          String.format(
              Locale.ROOT,
              "fusion: weighted, %.2f × vector + %.2f × keyword (min-max normalized)",
              f.vectorWeight(),
              1 - f.vectorWeight()));
      normalizeInto(vector, "vectorFinal", f.vectorWeight(), fused);
      normalizeInto(keyword, "keywordFinal", 1 - f.vectorWeight(), fused);
    }
    for (Candidate c : vector) {
      c.score = Double.NEGATIVE_INFINITY;
    }
    for (Candidate c : keyword) {
      c.score = Double.NEGATIVE_INFINITY;
    }
    fused.forEach(
        (c, s) -> {
          c.score = s;
          c.parts.put("fused", s);
        });
  }

  /**
   * An exclusion's vector penalty: its weight times the similarity to the excluded part above the
   * floor (0 unless {@link SearchRequest.Negation#relative}).
   */
  private record Penalty(float[] excluded, double weight, double floor) {
    double of(double similarity) {
      return weight * Math.max(0, similarity - floor);
    }
  }

  /**
   * Orders the keyword leg by BM25 (as a share of the best) minus the exclusion's penalty, as the
   * vector leg subtracts it from the similarity, and takes out of it the candidates left with no
   * keyword score, which it returns. Without this, a hybrid search returns the excluded documents
   * through the keyword leg: they share the asked topic's words ("gardening" in "gardening tips but
   * not vegetables"), and rank fusion counts only their rank there
   * (docs/decisions/0004-negation.md).
   */
  private List<Candidate> penalizeKeywords(List<Candidate> keyword, Penalty penalty, Plan plan) {
    if (penalty == null) {
      keyword.forEach(c -> c.parts.put("keywordFinal", c.parts.get("keyword")));
      return List.of();
    }
    double top = keyword.stream().mapToDouble(c -> c.parts.get("keyword")).max().orElse(1);
    for (Candidate c : keyword) {
      // Vector candidates carry their penalty already; keyword-only ones get it here.
      double p =
          c.parts.containsKey("penalty")
              ? -c.parts.get("penalty")
              : penalty.of(Vectors.dot(penalty.excluded(), document(c).vector()));
      c.parts.putIfAbsent("penalty", -p);
      c.parts.put("keywordFinal", c.parts.get("keyword") / top - p);
    }
    keyword.sort(
        Comparator.comparingDouble((Candidate c) -> c.parts.get("keywordFinal")).reversed());
    List<Candidate> dropped = new ArrayList<>();
    while (!keyword.isEmpty() && keyword.getLast().parts.get("keywordFinal") <= 0) {
      dropped.add(keyword.removeLast());
    }
    plan.add(
        "negation: keyword scores are BM25 as a share of the best, minus the penalty; "
            + dropped.size()
            + " candidate(s) fell to 0 or below and left the keyword leg");
    return dropped;
  }

  private static void normalizeInto(
      List<Candidate> list, String part, double weight, Map<Candidate, Double> out) {
    MinMax range = MinMax.of(list, c -> c.parts.get(part));
    for (Candidate c : list) {
      out.merge(c, weight * range.normalize(c.parts.get(part)), Double::sum);
    }
  }

  /** The range of a score over candidates (NaN left out), for min-max normalization. */
  private record MinMax(double min, double max) {
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

  /**
   * The median of the first {@link #TYPICAL} similarities to the excluded part ({@code sims} is in
   * the candidates' vector order, most relevant first): what the wanted documents share with it by
   * being on a nearby topic.
   */
  private static double typicalSimilarity(double[] sims) {
    double[] top = Arrays.copyOf(sims, Math.min(TYPICAL, sims.length));
    Arrays.sort(top);
    return top.length == 0 ? 0 : Math.max(0, top[top.length / 2]);
  }

  /** Whether title demotion will find a candidate titled after the excluded entity. */
  private boolean anyTitled(List<Candidate> ranked, ExcludedTitles titles) {
    for (Candidate c : ranked) {
      if (titleMatch(c, titles) != ExcludedTitles.Match.NONE) {
        return true;
      }
    }
    return false;
  }

  private ExcludedTitles.Match titleMatch(Candidate c, ExcludedTitles titles) {
    if (c.titleMatch == null) {
      c.titleMatch = titles.match(document(c).title());
    }
    return c.titleMatch;
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
      Instant asOf,
      Plan plan) {
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
      if (document(c).first(recency.dateField()) instanceof Instant t
          && !t.isBefore(from)
          && !t.isAfter(asOf)
          && (floor.isEmpty() || c.parts.get("vectorFinal") >= floor.getAsDouble())) {
        freshTop++;
      }
    }
    Query dated = LongPoint.newRangeQuery(recency.dateField(), Long.MIN_VALUE, asOf.toEpochMilli());
    Query fresh =
        LongPoint.newRangeQuery(recency.dateField(), from.toEpochMilli(), asOf.toEpochMilli());
    Query searched = filter == null ? dated : both(filter, dated);
    Query recent = filter == null ? fresh : both(filter, fresh);
    long[] counts = collection.withSearcher(s -> new long[] {s.count(searched), s.count(recent)});
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

  /**
   * Moves the candidates whose title names the excluded entity after all others, keeping each
   * group's order. Only the most specific matches count: when some title matches with its
   * disambiguation, titles that match only without it stay (see {@link ExcludedTitles}).
   */
  private List<Candidate> demoteTitled(
      List<Candidate> ranked,
      ExcludedTitles titles,
      NegationDetector.Exclusion exclusion,
      Plan plan) {
    ExcludedTitles.Match best = ExcludedTitles.Match.NONE;
    for (Candidate c : ranked) {
      ExcludedTitles.Match m = titleMatch(c, titles);
      best = m.compareTo(best) > 0 ? m : best;
    }
    if (best == ExcludedTitles.Match.NONE) {
      plan.add("negation: no candidate is titled after \"" + exclusion.excluded() + "\"");
      return ranked;
    }
    List<Candidate> kept = new ArrayList<>();
    List<Candidate> demoted = new ArrayList<>();
    for (Candidate c : ranked) {
      if (c.titleMatch == best) {
        c.parts.put("titledAfterExcluded", 1.0);
        demoted.add(c);
      } else {
        kept.add(c);
      }
    }
    plan.add(
        "negation: "
            + demoted.size()
            + " candidate(s) titled after \""
            + exclusion.excluded()
            + "\" ranked after the rest: "
            + demoted.stream()
                .limit(5)
                .map(c -> c.id + " \"" + c.doc.title() + "\"")
                .collect(java.util.stream.Collectors.joining(", "))
            + (demoted.size() > 5 ? ", …" : ""));
    kept.addAll(demoted);
    return kept;
  }

  private List<Candidate> groupByParent(List<Candidate> ranked, Plan plan) {
    Map<String, Candidate> best = new LinkedHashMap<>();
    for (Candidate c : ranked) {
      String parent = document(c).parent() != null ? c.doc.parent() : c.id;
      best.putIfAbsent(parent, c);
    }
    plan.add("group: best chunk of each of " + best.size() + " parent documents");
    return new ArrayList<>(best.values());
  }

  private Object typedValue(String field, String raw) {
    FieldType type = collection.fields().get(field);
    if (type == null) {
      return raw;
    }
    try {
      return switch (type) {
        case KEYWORD -> raw;
        case LONG -> Long.parseLong(raw);
        case DOUBLE -> Double.parseDouble(raw);
        case DATE -> java.time.LocalDate.parse(raw);
        case BOOLEAN -> Boolean.parseBoolean(raw);
      };
    } catch (RuntimeException e) {
      throw QuarryException.invalid(
          "query: " + field + ":" + raw + " is not a valid " + type.id() + " value");
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
