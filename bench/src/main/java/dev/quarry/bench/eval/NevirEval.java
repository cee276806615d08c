package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.NegationDetector;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchRequest.Negation;
import dev.quarry.query.filter.Filter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * NevIR with the official pairwise protocol, scored through the engine: every query is searched
 * with a filter that leaves only its row's two documents, with negation off and with the default
 * negation handling; plus the retrieval variant over the whole index.
 *
 * <p>Run: {@code bin/bench nevir --data ../shared/data [--model all-minilm-l6-v2]}
 */
@Command(
    name = "nevir",
    mixinStandardHelpOptions = true,
    description = "NevIR pairwise accuracy through the engine, negation off vs default.")
public final class NevirEval implements Callable<Integer> {
  static final String FILE = "nevir/nevir_test.jsonl.gz";

  /** The protocol's explicit negation words. */
  static final Pattern NEGATION_WORD =
      Pattern.compile(
          "\\b(not|no|never|without|none|nobody|nothing|neither|nor)\\b|n't\\b",
          Pattern.CASE_INSENSITIVE);

  @Mixin EvalOptions options;

  /** A row: q1 is relevant to doc1 only, q2 to doc2 only. */
  record Row(String id, String q1, String doc1, String q2, String doc2) {
    String id1() {
      return id + "#1";
    }

    String id2() {
      return id + "#2";
    }
  }

  /** One query's outcome: right in its pair, and its rank (and its twin's) in the whole index. */
  record QueryOutcome(boolean right, int rank, int twinRank) {
    /** The correct document in the top 10 and above its twin. */
    boolean twinRight() {
      return rank <= 10 && rank < twinRank;
    }
  }

  /** A row's two query outcomes. */
  record RowOutcome(QueryOutcome first, QueryOutcome second) {
    boolean right() {
      return first.right() && second.right();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NevirEval()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    evaluate();
    return 0;
  }

  private void evaluate() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (JsonObject o : EvalFiles.jsonl(options.file(FILE))) {
      rows.add(
          new Row(
              o.get("id").getAsString(),
              o.get("q1").getAsString(),
              o.get("doc1").getAsString(),
              o.get("q2").getAsString(),
              o.get("doc2").getAsString()));
    }
    TreeMap<String, String> docs = new TreeMap<>();
    Map<String, String> pairOf = new HashMap<>();
    for (Row r : rows) {
      docs.put(r.id1(), r.doc1());
      docs.put(r.id2(), r.doc2());
      pairOf.put(r.id1(), r.id());
      pairOf.put(r.id2(), r.id());
    }
    System.out.printf(
        "NevIR test: %d rows, %d documents in one collection; model %s, vector mode; a query is"
            + " right when its document scores strictly above the twin%n",
        rows.size(), docs.size(), options.model());
    detector(rows);
    printExamples(rows);

    try (Embedder embedder = options.openEmbedder()) {
      List<float[]> vectors =
          EmbeddingCache.passages(
              embedder, options.paths.work(), "nevir-docs", List.copyOf(docs.values()));
      List<Document> documents = new ArrayList<>();
      int i = 0;
      for (var e : docs.entrySet()) {
        documents.add(
            Document.builder(e.getKey())
                .text(e.getValue())
                .meta("pair", pairOf.get(e.getKey()))
                .vector(vectors.get(i++))
                .build());
      }
      try (Collection collection =
          EvalIndex.build(
              options.paths.work().resolve("nevir-" + options.model()),
              embedder.identity(),
              documents)) {
        QueryEngine engine = new QueryEngine(collection, embedder);
        compare(engine, rows);
      }
    }
  }

  /** How often the exclusion detector fires: NevIR negations are facts, rarely exclusions. */
  private static void detector(List<Row> rows) {
    int fired = 0;
    Map<String, Integer> cues = new TreeMap<>();
    for (Row r : rows) {
      for (String q : List.of(r.q1(), r.q2())) {
        NegationDetector.Exclusion ex = NegationDetector.detect(q);
        if (ex != null) {
          fired++;
          cues.merge(ex.cue(), 1, Integer::sum);
        }
      }
    }
    System.out.printf(
        "Exclusion detector fires on %d of %d queries (%s%%); cues: %s%n",
        fired, 2 * rows.size(), Table.pct(fired / (2.0 * rows.size())), cues);
  }

  private static void compare(QueryEngine engine, List<Row> rows) {
    Negation on = Negation.DEFAULT;
    List<RowOutcome> offOut = run(engine, rows, Negation.OFF);
    List<RowOutcome> onOut = run(engine, rows, on);
    Table t =
        new Table(
            "Pairwise accuracy (%), all 1,383 rows",
            "negation",
            "pairwise [95% CI]",
            "q1 right",
            "q2 right",
            "queries with a negation word",
            "queries without",
            "twin-rank acc (top 10)",
            "MRR@10");
    addRow(t, "off", rows, offOut);
    addRow(t, "default " + on, rows, onOut);
    t.print(System.out);

    boolean[] a = rights(offOut);
    boolean[] b = rights(onOut);
    double offAcc = Stats.mean(Stats.asDoubles(a));
    double onAcc = Stats.mean(Stats.asDoubles(b));
    System.out.printf(
        "%nDefault − off: %s points, McNemar exact p %s. Target on ≥ off: %s%n",
        Table.pctDelta(
            onAcc - offAcc, Stats.bootstrapDelta(Stats.asDoubles(a), Stats.asDoubles(b))),
        Table.pValue(Stats.mcnemarExact(a, b)),
        onAcc >= offAcc ? "MET" : "MISSED");
  }

  private static void addRow(Table t, String name, List<Row> rows, List<RowOutcome> out) {
    boolean[] right = rights(out);
    Stats.Interval ci = Stats.bootstrapMean(Stats.asDoubles(right));
    List<String> texts = new ArrayList<>();
    List<QueryOutcome> queries = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      texts.add(rows.get(i).q1());
      queries.add(out.get(i).first());
      texts.add(rows.get(i).q2());
      queries.add(out.get(i).second());
    }
    int withWord = 0;
    int withWordRight = 0;
    int withoutRight = 0;
    for (int i = 0; i < texts.size(); i++) {
      boolean ok = queries.get(i).right();
      if (NEGATION_WORD.matcher(texts.get(i)).find()) {
        withWord++;
        withWordRight += ok ? 1 : 0;
      } else {
        withoutRight += ok ? 1 : 0;
      }
    }
    int without = texts.size() - withWord;
    double n = rows.size();
    t.row(
        name,
        Table.pct(Stats.mean(Stats.asDoubles(right)))
            + " ["
            + Table.pct(ci.lo())
            + ", "
            + Table.pct(ci.hi())
            + "]",
        Table.pct(out.stream().filter(o -> o.first().right()).count() / n),
        Table.pct(out.stream().filter(o -> o.second().right()).count() / n),
        Table.pct((double) withWordRight / withWord) + " (n=" + withWord + ")",
        Table.pct((double) withoutRight / without) + " (n=" + without + ")",
        Table.pct(queries.stream().filter(QueryOutcome::twinRight).count() / (2 * n)),
        Table.pct(
            queries.stream().mapToDouble(q -> Ranks.reciprocal(q.rank(), 10)).sum() / (2 * n)));
  }

  private static boolean[] rights(List<RowOutcome> out) {
    boolean[] b = new boolean[out.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = out.get(i).right();
    }
    return b;
  }

  private static List<RowOutcome> run(QueryEngine engine, List<Row> rows, Negation negation) {
    long start = System.nanoTime();
    List<RowOutcome> out =
        rows.parallelStream()
            .map(
                r ->
                    new RowOutcome(
                        query(engine, r, r.q1(), r.id1(), r.id2(), negation),
                        query(engine, r, r.q2(), r.id2(), r.id1(), negation)))
            .toList();
    System.err.printf(
        "  negation %s: %d rows in %.1f s%n",
        negation, rows.size(), (System.nanoTime() - start) / 1e9);
    return out;
  }

  private static QueryOutcome query(
      QueryEngine engine, Row r, String q, String correct, String twin, Negation negation) {
    List<SearchHit> pair =
        engine.search(request(q, negation).k(2).filter(Filter.eq("pair", r.id())).build()).hits();
    double mine = Double.NEGATIVE_INFINITY;
    double other = Double.NEGATIVE_INFINITY;
    for (SearchHit h : pair) {
      if (h.id().equals(correct)) {
        mine = h.score();
      } else if (h.id().equals(twin)) {
        other = h.score();
      }
    }
    List<SearchHit> top = engine.search(request(q, negation).k(10).build()).hits();
    return new QueryOutcome(mine > other, Ranks.of(top, correct), Ranks.of(top, twin));
  }

  private static SearchRequest.Builder request(String q, Negation negation) {
    return SearchRequest.builder(q)
        .mode(SearchRequest.Mode.VECTOR)
        .negation(negation)
        .recency(SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF));
  }

  /** Tuning-split queries the exclusion detector fires on (NevIR itself is never tuned on). */
  private void printExamples(List<Row> rows) {
    if (options.examples <= 0) {
      return;
    }
    System.err.println("\ntuning split, queries the exclusion detector fires on:");
    rows.stream()
        .filter(r -> Split.DEFAULT.isTuning(r.id()))
        .flatMap(r -> Stream.of(r.q1(), r.q2()))
        .filter(q -> NegationDetector.detect(q) != null)
        .limit(options.examples)
        .forEach(
            q -> {
              NegationDetector.Exclusion e = NegationDetector.detect(q);
              System.err.printf("  '%s' -> '%s' | %s%n", e.cue(), e.excluded(), q);
            });
  }
}
