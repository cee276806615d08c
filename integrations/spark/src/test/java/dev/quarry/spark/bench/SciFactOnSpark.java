package dev.quarry.spark.bench;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.eval.BeirEvaluation;
import dev.quarry.engine.eval.BeirEvaluation.Strategy;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.Readers;
import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.spark.IndexSpec;
import dev.quarry.spark.QuarrySpark;
import dev.quarry.spark.SparkIndexReport;
import java.nio.file.Files;
import java.nio.file.Path;
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
        args, "bin/bench spark --data ../shared/data [--partitions 4] [--work target/bench-spark]");
    Path data = Path.of(BenchSpark.option(args, "--data", "../shared/data"));
    Path beir = data.resolve("beir-scifact");
    if (!Files.isDirectory(beir)) {
      System.err.println("spark: " + beir + " is missing; pass --data with beir-scifact in it");
      System.exit(2);
    }
    int partitions = Integer.parseInt(BenchSpark.option(args, "--partitions", "4"));
    Path work = Path.of(BenchSpark.option(args, "--work", "target/bench-spark"));
    Path corpus = beir.resolve("corpus.jsonl.gz");

    SparkSession spark = BenchSpark.session("local[2]");
    Path sparkDir = BenchSpark.freshFolder(work.resolve("spark"));
    long start = System.nanoTime();
    SparkIndexReport report =
        QuarrySpark.index(
            spark.read().json(corpus.toString()),
            IndexSpec.DEFAULTS.withPartitions(partitions),
            sparkDir);
    double sparkSeconds = (System.nanoTime() - start) / 1e9;
    spark.stop();

    Path singleDir = BenchSpark.freshFolder(work.resolve("single"));
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
            + " ratio %.2f%n",
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
    compare(beir, sparkDir, singleDir);
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
      for (Strategy strategy : List.of(Strategy.HYBRID, Strategy.HNSW)) {
        var a = BeirEvaluation.evaluate(built, embedder, queries, qrels, strategy);
        var b = BeirEvaluation.evaluate(single, embedder, queries, qrels, strategy);
        int same = 0;
        for (var q : a.run().entrySet()) {
          List<String> x = top10(q.getValue());
          List<String> y = top10(b.run().get(q.getKey()));
          if (x.equals(y)) {
            same++;
          } else {
            System.out.printf("  %s query %s differs: %s vs %s%n", strategy, q.getKey(), x, y);
          }
        }
        System.out.printf(
            "%s: top 10 equal for %d of %d queries; nDCG@10 Spark %.2f, single-process %.2f"
                + " (difference %.2f points)%n",
            strategy, same, a.queries(), a.ndcg10(), b.ndcg10(), a.ndcg10() - b.ndcg10());
      }
    }
  }

  private static List<String> top10(List<Hit> hits) {
    return hits.stream().limit(10).map(Hit::id).toList();
  }
}
