package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.index.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on {@code local[2]} against the single-process ingest of the same sample corpus:
 * the same documents and chunks, a clean verify, and the same top 10 for every query.
 */
class QuarrySparkTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static Dataset<Row> corpus;
  static Path reference;

  @BeforeAll
  static void start() {
    spark = LocalSpark.session();
    corpus = spark.read().json(LocalSpark.SAMPLE.toString());
    reference = tmp.resolve("reference");
    LocalSpark.indexInOneProcess(LocalSpark.SAMPLE, reference);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void buildsTheCollectionTheCliBuilds() {
    Path out = tmp.resolve("spark");
    SparkIndexReport report = QuarrySpark.index(corpus, IndexSpec.DEFAULTS.withPartitions(4), out);

    assertThat(report.documents()).isEqualTo(324);
    assertThat(report.rejectedRows()).isZero();
    assertThat(report.shards()).isEqualTo(4);
    assertThat(SharedEmbedder.created()).as("one ONNX session for the JVM's tasks").isEqualTo(1);
    assertThat(Files.exists(QuarrySpark.workFolder(out))).isFalse();
    try (Quarry built = Quarry.openReadOnly(out);
        Quarry single = Quarry.openReadOnly(reference)) {
      VerifyReport verify = built.verify();
      assertThat(verify.ok()).as(verify.toString()).isTrue();
      assertThat(built.stats().documents()).isEqualTo(single.stats().documents());
      assertThat(built.get("nimbus-v8")).isEqualTo(single.get("nimbus-v8"));
      List<String> differ = new ArrayList<>();
      for (String query : queries()) {
        List<String> a = LocalSpark.top10(built, query);
        List<String> b = LocalSpark.top10(single, query);
        if (!a.equals(b)) {
          differ.add(query + ": " + a + " vs " + b);
        }
      }
      assertThat(differ).isEmpty();
    }
  }

  @Test
  void aRerunRebuildsTheSameCollection() {
    Path out = tmp.resolve("rerun");
    IndexSpec spec = IndexSpec.DEFAULTS.withPartitions(3);
    QuarrySpark.index(corpus, spec, out);
    QuarrySpark.index(corpus, spec, out);
    try (Quarry built = Quarry.openReadOnly(out);
        Quarry single = Quarry.openReadOnly(reference)) {
      assertThat(built.verify().ok()).isTrue();
      assertThat(built.stats().documents()).isEqualTo(single.stats().documents());
    }
  }

  @Test
  void refusesToOverwriteFilesItDidNotWrite() throws Exception {
    Path out = tmp.resolve("foreign");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> QuarrySpark.index(corpus, IndexSpec.DEFAULTS, out))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("did not write");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void namesAMissingColumn() {
    assertThatThrownBy(
            () ->
                QuarrySpark.index(
                    corpus,
                    IndexSpec.DEFAULTS.withColumns("id", "body", "title"),
                    tmp.resolve("nobody")))
        .hasMessageContaining("no text column 'body'");
  }

  /** Every title of the corpus as a query, and a few questions in other words. */
  private static List<String> queries() {
    List<String> queries = new ArrayList<>();
    corpus.select("title").collectAsList().forEach(r -> queries.add(r.getString(0)));
    queries.addAll(
        List.of(
            "hypertension",
            "latest Nimbus Phone",
            "JavaScript tutorials without jQuery",
            "how do I bake bread at home?"));
    return queries;
  }
}
