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

  /** The ids of the top 10 for {@code query}. */
  static List<String> top10(Quarry q, String query) {
    return q.search(SearchRequest.builder(query).k(10).build()).hits().stream()
        .map(SearchHit::id)
        .toList();
  }
}
