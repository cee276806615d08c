package dev.quarry.spark.bench;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.eval.BeirEvaluation;
import dev.quarry.engine.eval.BeirEvaluation.Strategy;
import dev.quarry.engine.eval.RetrievalMetrics;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.Readers;
import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.spark.IndexSpec;
import dev.quarry.spark.LocalSpark;
import dev.quarry.spark.QuarrySpark;
import dev.quarry.spark.SparkIndexReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/bench spark --data ../shared/data [--partitions 4] [--work DIR]}: SciFact (5,183
 * documents) indexed by the Spark job on {@code local[2]} and by the single-process ingest that
 * {@code quarry index} runs, in the same process one after the other (Spark first, so the
 * single-process run has the warmer JIT); then every BEIR test query's top 10 and nDCG@10 on both
 * collections, for the default hybrid search and for the vector leg alone.
 */
public final class SciFactOnSpark {
  private SciFactOnSpark() {}

  public static void main(String[] args) throws Exception {
    BenchSpark.helpIfAsked(
        args,
        "bin/bench spark --data ../shared/data [--partitions 4] [--work target/bench-spark]"
            + " [--compare-only: search the two collections an earlier run left in --work]");
    Path data = Path.of(BenchSpark.option(args, "--data", "../shared/data"));
    Path beir = data.resolve("beir-scifact");
    if (!Files.isDirectory(beir)) {
      System.err.println("spark: " + beir + " is missing; pass --data with beir-scifact in it");
      System.exit(2);
    }
    int partitions = Integer.parseInt(BenchSpark.option(args, "--partitions", "4"));
    Path work = Path.of(BenchSpark.option(args, "--work", "target/bench-spark"));
    Path corpus = beir.resolve("corpus.jsonl.gz");

    Path sparkDir = work.resolve("spark");
    Path singleDir = work.resolve("single");
    if (!List.of(args).contains("--compare-only")) {
      build(corpus, partitions, sparkDir, singleDir);
    }
    compare(beir, sparkDir, singleDir);
  }

  /** Both builds, one after the other, and their documents/s. */
  private static void build(Path corpus, int partitions, Path sparkDir, Path singleDir) {
    SparkSession spark = BenchSpark.session("local[2]");
    BenchSpark.freshFolder(sparkDir);
    long start = System.nanoTime();
    SparkIndexReport report =
        QuarrySpark.index(
            spark.read().json(corpus.toString()),
            IndexSpec.DEFAULTS.withPartitions(partitions),
            sparkDir);
    double sparkSeconds = (System.nanoTime() - start) / 1e9;
    spark.stop();

    BenchSpark.freshFolder(singleDir);
    start = System.nanoTime();
    try (Quarry q = Quarry.create(singleDir, QuarryConfig.DEFAULTS.withEmbeddingCache(false))) {
      q.ingest(
          List.of(Readers.open(corpus.toString(), null, FieldMapping.DEFAULT, 100_000_000)),
          Progress.none(),
          IngestPipeline.Options.DEFAULTS);
    }
    double singleSeconds = (System.nanoTime() - start) / 1e9;

    System.out.printf(
        "SciFact, %d documents (%d chunks): Spark local[2], %d partitions: %.1f s (build %.1f s,"
            + " merge %.1f s) = %.0f docs/s; single-process ingest: %.1f s = %.0f docs/s;"
            + " Spark / single-process docs/s %.2f%n",
        report.documents(),
        report.chunks(),
        partitions,
        sparkSeconds,
        report.buildSeconds(),
        report.mergeSeconds(),
        report.documents() / sparkSeconds,
        singleSeconds,
        report.documents() / singleSeconds,
        singleSeconds / sparkSeconds);
  }

  private static void compare(Path beir, Path sparkDir, Path singleDir) {
    Map<String, String> queries = BeirEvaluation.queries(beir);
    Map<String, Map<String, Integer>> qrels = BeirEvaluation.qrels(beir);
    try (OnnxEmbedder embedder =
            OnnxEmbedder.open(
                ModelRepository.resolve(QuarryConfig.DEFAULTS.model()), EmbedderOptions.DEFAULTS);
        Collection built = Collection.openReadOnly(sparkDir);
        Collection single = Collection.openReadOnly(singleDir)) {
      System.out.printf(
          "verify: Spark %s, single-process %s%n",
          built.verify().ok() ? "clean" : built.verify(),
          single.verify().ok() ? "clean" : single.verify());
      Map<Strategy, BeirEvaluation.Result> onSpark = new EnumMap<>(Strategy.class);
      Map<Strategy, BeirEvaluation.Result> onSingle = new EnumMap<>(Strategy.class);
      for (Strategy strategy : List.of(Strategy.HYBRID, Strategy.HNSW, Strategy.EXACT)) {
        var a = BeirEvaluation.evaluate(built, embedder, queries, qrels, strategy);
        var b = BeirEvaluation.evaluate(single, embedder, queries, qrels, strategy);
        onSpark.put(strategy, a);
        onSingle.put(strategy, b);
        int same = 0;
        int ties = 0;
        int differ = 0;
        for (var q : a.run().entrySet()) {
          List<Hit> x = top10(q.getValue());
          List<Hit> y = top10(b.run().get(q.getKey()));
          if (ids(x).equals(ids(y))) {
            same++;
            continue;
          }
          String text = queries.get(q.getKey());
          Difference d =
              strategy == Strategy.HNSW
                  ? tiedCosines(x, y)
                  : tiedHybrid(
                      text, new QueryEngine(built, embedder), new QueryEngine(single, embedder));
          if (d.tiesOnly()) {
            ties++;
          } else {
            differ++;
          }
          System.out.printf(
              "  %s query %s (%s): %s %s%n",
              strategy, q.getKey(), text, d.tiesOnly() ? "tie order:" : "DIFFERS:", d.hits());
        }
        double ndcgSpark = ndcg(built, a, qrels);
        double ndcgSingle = ndcg(single, b, qrels);
        System.out.printf(
            "%s: top 10 of %d queries: %d identical, %d differ only in the order of tied hits,"
                + " %d differ; document nDCG@10 Spark %.2f, single-process %.2f (difference %.2f"
                + " points)%n",
            strategy,
            a.queries(),
            same,
            ties,
            differ,
            ndcgSpark,
            ndcgSingle,
            ndcgSpark - ndcgSingle);
      }
      System.out.printf(
          "HNSW recall@10 against exact search: Spark %.4f (%d segments), single-process %.4f"
              + " (%d segments)%n",
          recall(onSpark.get(Strategy.HNSW), onSpark.get(Strategy.EXACT)),
          built.stats().segments(),
          recall(onSingle.get(Strategy.HNSW), onSingle.get(Strategy.EXACT)),
          single.stats().segments());
    }
  }

  /** Mean share of each query's exact top 10 that the approximate top 10 holds. */
  private static double recall(BeirEvaluation.Result approximate, BeirEvaluation.Result exact) {
    double sum = 0;
    for (var q : exact.run().entrySet()) {
      Map<String, Integer> truth = new HashMap<>();
      ids(top10(q.getValue())).forEach(id -> truth.put(id, 1));
      sum += RetrievalMetrics.recall(ids(approximate.run().get(q.getKey())), truth, 10);
    }
    return sum / exact.run().size();
  }

  /**
   * nDCG@10 over documents: the ingest splits long abstracts into chunks ({@code id#1}, ...) whose
   * parent is the BEIR document, so each hit counts as its parent, at its first place.
   */
  private static double ndcg(
      Collection c, BeirEvaluation.Result result, Map<String, Map<String, Integer>> qrels) {
    double sum = 0;
    for (var q : result.run().entrySet()) {
      List<String> documents =
          q.getValue().stream()
              .map(
                  h ->
                      c.get(h.id())
                          .map(d -> d.parent() == null ? d.id() : d.parent())
                          .orElseThrow())
              .distinct()
              .toList();
      sum += RetrievalMetrics.ndcg(documents, qrels.get(q.getKey()), 10);
    }
    return 100 * sum / result.queries();
  }

  /** Whether two vector top 10s differ only in the order of hits with equal cosines. */
  private static Difference tiedCosines(List<Hit> x, List<Hit> y) {
    boolean tied =
        LocalSpark.sameUpToTies(
            x, y, Hit::id, (h, g) -> Math.abs(h.score() - g.score()) <= LocalSpark.TIE);
    return new Difference(tied, x + "\n    vs " + y);
  }

  /**
   * The same hybrid request again, now with each hit's score parts, so that a swap of hits tied in
   * one leg (equal BM25 or cosine) is told apart from a real difference.
   */
  private static Difference tiedHybrid(String text, QueryEngine built, QueryEngine single) {
    List<SearchHit> x = first10(built.search(BeirEvaluation.request(text, Strategy.HYBRID)).hits());
    List<SearchHit> y =
        first10(single.search(BeirEvaluation.request(text, Strategy.HYBRID)).hits());
    return new Difference(
        LocalSpark.sameUpToTies(x, y),
        LocalSpark.describe(x) + "\n    vs " + LocalSpark.describe(y));
  }

  /** How two top 10s of one query differ: only in the order of tied hits, or really. */
  private record Difference(boolean tiesOnly, String hits) {}

  private static List<SearchHit> first10(List<SearchHit> hits) {
    return hits.subList(0, Math.min(10, hits.size()));
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  private static List<Hit> top10(List<Hit> hits) {
    return hits.subList(0, Math.min(10, hits.size()));
  }
}
