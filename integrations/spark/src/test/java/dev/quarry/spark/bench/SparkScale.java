package dev.quarry.spark.bench;

import dev.quarry.core.Role;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.spark.IndexSpec;
import dev.quarry.spark.QuarrySpark;
import dev.quarry.spark.SparkIndexReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bin/bench spark-scale --docs N [--partitions 16] [--queries 200] [--seed 7]
 * [--max-segments 0] [--search-only]}: N short documents from a seeded generator through the Spark
 * job on {@code local[2]} with many partitions, merged into one collection; then build time, disk,
 * vector search queries/s and recall@10 against exact search on generated queries. Documents embed
 * with the default model (MiniLM), so on two cores N is kept in the tens of thousands and the build
 * is extrapolated to a million from the measured rate (docs/spark.md).
 */
public final class SparkScale {
  /** Words of 24 made-up topics, 12 each: a text mostly stays within its topic. */
  private static final String[] WORDS =
      ("river boat bridge water fish shore flood bank current stream dock canal "
              + "bread flour oven yeast dough crust bake loaf knead rye starter proof "
              + "engine piston fuel brake gear clutch motor wheel exhaust valve torque axle "
              + "planet orbit comet star telescope galaxy moon rocket crater nebula meteor probe "
              + "violin piano chord melody rhythm choir tempo drum guitar opera scale note "
              + "garden soil seed compost weed bloom prune tulip hedge mulch root sprout "
              + "court judge trial verdict appeal jury lawyer statute witness motion ruling bail "
              + "virus cell gene protein enzyme immune vaccine dose antibody tissue blood liver "
              + "server packet router cache latency socket thread kernel buffer cluster disk query "
              + "glacier summit trail ridge valley canyon cliff pass alpine slope boulder cairn "
              + "market stock bond yield share dividend trader index rally futures broker margin "
              + "poem verse stanza rhyme novel author chapter plot metaphor fable essay prose "
              + "storm rain thunder cloud wind humid frost drizzle forecast breeze hail sleet "
              + "chess pawn bishop knight rook castle opening gambit endgame tactic queen king "
              + "coffee roast bean espresso brew grind crema milk latte mocha filter kettle "
              + "bicycle saddle pedal chain spoke helmet tire frame derailleur cadence climb sprint "
              + "museum painting sculpture gallery canvas portrait fresco easel curator exhibit oil sketch "
              + "ocean reef coral wave tide kelp whale dolphin salt lagoon current pearl "
              + "tax budget deficit revenue spending audit ledger invoice payroll fiscal levy tariff "
              + "forest pine oak moss fern bark canopy timber grove acorn birch maple "
              + "school teacher lesson pupil exam grade homework classroom lecture campus course diploma "
              + "hospital nurse doctor ward surgery patient clinic pulse fever bandage scan triage "
              + "train rail station platform ticket carriage track signal depot freight tunnel locomotive "
              + "desert dune cactus oasis sand camel mirage arid heat scorpion nomad sunset")
          .split(" ");

  private static final int TOPIC_WORDS = 12;

  private SparkScale() {}

  public static void main(String[] args) {
    BenchSpark.helpIfAsked(
        args,
        "bin/bench spark-scale --docs N [--partitions 16] [--queries 200] [--seed 7]"
            + " [--max-segments 0|1] [--work target/scale]"
            + " [--search-only: search the collection an earlier run left in --work]");
    int docs = Integer.parseInt(BenchSpark.option(args, "--docs", "20000"));
    int partitions = Integer.parseInt(BenchSpark.option(args, "--partitions", "16"));
    int queries = Integer.parseInt(BenchSpark.option(args, "--queries", "200"));
    long seed = Long.parseLong(BenchSpark.option(args, "--seed", "7"));
    int maxSegments = Integer.parseInt(BenchSpark.option(args, "--max-segments", "0"));
    Path work = Path.of(BenchSpark.option(args, "--work", "target/scale"));
    if (List.of(args).contains("--search-only")) {
      search(work, seed, queries);
      return;
    }
    Path out = BenchSpark.freshFolder(work);
    System.out.printf(
        "spark-scale: %d generated documents (seed %d), %d partitions, max segments %d%n",
        docs, seed, partitions, maxSegments);

    SparkSession spark = BenchSpark.session("local[2]");
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("topic", DataTypes.LongType);
    Dataset<Row> rows =
        spark
            .range(docs)
            .map(
                (MapFunction<Long, Row>)
                    i -> RowFactory.create("d" + i, text(seed, i), topic(seed, i)),
                Encoders.row(schema));
    long start = System.nanoTime();
    SparkIndexReport report =
        QuarrySpark.index(
            rows, IndexSpec.DEFAULTS.withPartitions(partitions).withMaxSegments(maxSegments), out);
    double seconds = (System.nanoTime() - start) / 1e9;
    spark.stop();
    long bytes = BenchSpark.bytes(out);
    System.out.printf(
        "built %d documents in %.1f s (shards %.1f s, merge %.1f s): %.0f docs/s; disk %.1f MB"
            + " (%.0f bytes/doc)%n",
        report.documents(),
        seconds,
        report.buildSeconds(),
        report.mergeSeconds(),
        report.documents() / seconds,
        bytes / 1e6,
        (double) bytes / report.documents());
    System.out.printf(
        "extrapolated to 1,000,000 documents at this rate: %.1f h, %.1f GB%n",
        seconds * 1e6 / report.documents() / 3600, bytes * 1e6 / report.documents() / 1e9);
    search(out, seed, queries);
  }

  private static void search(Path dir, long seed, int queries) {
    List<String> texts = new ArrayList<>();
    for (long i = 0; i < queries; i++) {
      texts.add(text(seed + 1, i));
    }
    try (OnnxEmbedder embedder =
            OnnxEmbedder.open(
                ModelRepository.resolve(QuarryConfig.DEFAULTS.model()), EmbedderOptions.DEFAULTS);
        Collection c = Collection.openReadOnly(dir)) {
      List<float[]> vectors = embedder.embed(texts, Role.QUERY).vectors();
      for (float[] v : vectors.subList(0, Math.min(20, vectors.size()))) {
        c.search(v, 10, KnnOptions.DEFAULTS); // warm-up
      }
      long start = System.nanoTime();
      List<List<Hit>> approximate = new ArrayList<>();
      for (float[] v : vectors) {
        approximate.add(c.search(v, 10, KnnOptions.DEFAULTS));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double recall = 0;
      for (int i = 0; i < vectors.size(); i++) {
        Set<String> exact = new HashSet<>();
        c.exactSearch(vectors.get(i), 10).forEach(h -> exact.add(h.id()));
        recall += approximate.get(i).stream().filter(h -> exact.contains(h.id())).count() / 10.0;
      }
      System.out.printf(
          "search: %d queries, %.0f queries/s (HNSW, one thread, k=10), recall@10 against exact"
              + " %.3f; %d segments' graphs searched%n",
          vectors.size(), vectors.size() / seconds, recall / vectors.size(), c.stats().segments());
    }
  }

  private static long topic(long seed, long i) {
    return new Random(seed * 1_000_003 + i).nextInt(WORDS.length / TOPIC_WORDS);
  }

  /** 8 to 16 words, about three in four from the document's topic. */
  static String text(long seed, long i) {
    Random r = new Random(seed * 1_000_003 + i);
    int topic = r.nextInt(WORDS.length / TOPIC_WORDS);
    int n = 8 + r.nextInt(9);
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < n; w++) {
      String word =
          r.nextInt(4) < 3
              ? WORDS[topic * TOPIC_WORDS + r.nextInt(TOPIC_WORDS)]
              : WORDS[r.nextInt(WORDS.length)];
      sb.append(w == 0 ? "" : " ").append(word);
    }
    return sb.toString();
  }
}
