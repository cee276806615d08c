package dev.quarry.spark;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.Readers;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * A local Spark session, the sample corpus, the single-process reference the tests compare, and the
 * tie-aware comparison of two top 10s (the tests and {@code bin/bench spark}).
 */
public final class LocalSpark {
  /** The team's sample corpus (324 documents), from the module folder the tests run in. */
  static final Path SAMPLE = Path.of("../../data/sample/corpus.jsonl").toAbsolutePath().normalize();

  private LocalSpark() {}

  /**
   * {@code local[2,4]}: two task threads, and up to four attempts per task (plain {@code local[2]}
   * never retries a failed task).
   */
  static SparkSession session() {
    return SparkSession.builder()
        .master("local[2,4]")
        .appName("quarry-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  /** What {@code quarry index DIR corpus.jsonl} builds: the single-process ingest. */
  static void indexInOneProcess(Path corpus, Path dir) {
    try (Quarry q = Quarry.create(dir, QuarryConfig.DEFAULTS.withEmbeddingCache(false))) {
      q.ingest(
          List.of(Readers.open(corpus.toString(), null, FieldMapping.DEFAULT, 100_000_000)),
          Progress.none(),
          IngestPipeline.Options.DEFAULTS);
    }
  }

  /** The top 10 for {@code query}. */
  static List<SearchHit> top10(Quarry q, String query) {
    return q.search(SearchRequest.builder(query).k(10).build()).hits();
  }

  /** Scores closer than this are a tie (float rounding of the same vectors, or equal sums). */
  public static final double TIE = 1e-5;

  /**
   * Whether two rankings of the same query differ only in the order of tied hits: every hit that
   * moved (or fell out of the top 10) ties with another hit that moved, in the fused score or in
   * one leg (cosine or BM25). The same documents in other segments, embedded in other batches
   * (vectors equal to float rounding), may break such ties differently: Lucene orders equal scores
   * by segment and document number.
   */
  public static boolean sameUpToTies(List<SearchHit> a, List<SearchHit> b) {
    return sameUpToTies(a, b, SearchHit::id, LocalSpark::tied);
  }

  /** {@link #sameUpToTies(List, List)} for any hit type, with its own notion of a tie. */
  public static <H> boolean sameUpToTies(
      List<H> a, List<H> b, Function<H, String> id, BiPredicate<H, H> tied) {
    List<H> moved = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (i >= b.size() || !id.apply(a.get(i)).equals(id.apply(b.get(i)))) {
        moved.add(a.get(i));
      }
    }
    return a.size() == b.size()
        && moved.stream().allMatch(x -> moved.stream().anyMatch(y -> y != x && tied.test(x, y)));
  }

  private static boolean tied(SearchHit x, SearchHit y) {
    return Math.abs(x.score() - y.score()) <= TIE
        || near(x.parts().cosine(), y.parts().cosine())
        || near(x.parts().keyword(), y.parts().keyword());
  }

  private static boolean near(OptionalDouble p, OptionalDouble q) {
    return p.isPresent() && q.isPresent() && Math.abs(p.getAsDouble() - q.getAsDouble()) <= TIE;
  }

  /** A hit with its score parts, for messages. */
  public static String describe(List<SearchHit> hits) {
    StringBuilder sb = new StringBuilder();
    for (SearchHit h : hits) {
      sb.append(
          String.format(
              "%s %.6f (cos %s, bm25 %s) ",
              h.id(), h.score(), h.parts().cosine(), h.parts().keyword()));
    }
    return sb.toString();
  }

  static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
