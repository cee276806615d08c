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
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** A local Spark session, the sample corpus and the single-process reference the tests compare. */
final class LocalSpark {
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

  /** Scores closer than this are a tie (float rounding of the same vectors, or equal RRF sums). */
  static final double TIE = 1e-5;

  /**
   * Whether two rankings are the same up to the order of tied hits: the same scores position by
   * position, and each hit of one at a score the other has, in a different place only when hits tie
   * there. Two layouts of the same documents may break a tie differently (by segment order).
   */
  static boolean sameUpToTies(List<SearchHit> a, List<SearchHit> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (Math.abs(a.get(i).score() - b.get(i).score()) > TIE) {
        return false;
      }
      if (!a.get(i).id().equals(b.get(i).id()) && !tiedInB(a.get(i), b)) {
        return false;
      }
    }
    return true;
  }

  private static boolean tiedInB(SearchHit hit, List<SearchHit> b) {
    long tied = b.stream().filter(h -> Math.abs(h.score() - hit.score()) <= TIE).count();
    boolean present = b.stream().anyMatch(h -> h.id().equals(hit.id()));
    // A hit missing from b may only be one that tied with b's last hit (cut at k).
    return tied > 1 || (!present && Math.abs(b.getLast().score() - hit.score()) <= TIE);
  }

  static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
