package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.index.Document;
import dev.quarry.index.VerifyReport;
import dev.quarry.query.SearchHit;
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
    long sessions = SharedEmbedder.created();
    SparkIndexReport report = QuarrySpark.index(corpus, IndexSpec.DEFAULTS.withPartitions(4), out);

    assertThat(report.documents()).isEqualTo(324);
    assertThat(report.rejectedRows()).isZero();
    assertThat(report.shards()).isEqualTo(4);
    assertThat(SharedEmbedder.created() - sessions)
        .as("one ONNX session for the tasks of the JVM")
        .isLessThanOrEqualTo(1);
    assertThat(Files.exists(QuarrySpark.workFolder(out))).isFalse();
    try (Quarry built = Quarry.openReadOnly(out);
        Quarry single = Quarry.openReadOnly(reference)) {
      VerifyReport verify = built.verify();
      assertThat(verify.ok()).as(verify.toString()).isTrue();
      assertThat(built.stats().documents()).isEqualTo(single.stats().documents());
      Document fromSpark = built.get("nimbus-v8").orElseThrow();
      Document fromCli = single.get("nimbus-v8").orElseThrow();
      assertThat(fromSpark.text()).isEqualTo(fromCli.text());
      assertThat(fromSpark.metadata()).isEqualTo(fromCli.metadata());
      assertThat(fromSpark.vector()).containsExactly(fromCli.vector(), within(1e-6f));
      List<String> differ = new ArrayList<>();
      List<String> tieOrder = new ArrayList<>();
      for (String query : queries()) {
        List<SearchHit> a = LocalSpark.top10(built, query);
        List<SearchHit> b = LocalSpark.top10(single, query);
        String line = query + ": " + LocalSpark.describe(a) + "\n    vs " + LocalSpark.describe(b);
        if (!LocalSpark.ids(a).equals(LocalSpark.ids(b))) {
          (LocalSpark.sameUpToTies(a, b) ? tieOrder : differ).add(line);
        }
      }
      System.out.printf(
          "top 10 of %d queries: %d identical, %d differ only in the order of tied hits%n",
          queries().size(), queries().size() - tieOrder.size() - differ.size(), tieOrder.size());
      tieOrder.forEach(t -> System.out.println("  tie order: " + t));
      assertThat(differ).isEmpty();
    }
  }

  @Test
  void aRerunRebuildsTheSameCollection() {
    Path out = tmp.resolve("rerun");
    Dataset<Row> cooking = corpus.where("category = 'cooking'");
    IndexSpec spec = IndexSpec.DEFAULTS.withPartitions(3);
    QuarrySpark.index(cooking, spec, out);
    List<String> first;
    try (Quarry built = Quarry.openReadOnly(out)) {
      first = LocalSpark.ids(LocalSpark.top10(built, "how do I bake bread at home?"));
    }
    QuarrySpark.index(cooking, spec, out);
    try (Quarry built = Quarry.openReadOnly(out)) {
      assertThat(built.verify().ok()).isTrue();
      assertThat(built.stats().documents()).isEqualTo(cooking.count());
      assertThat(LocalSpark.ids(LocalSpark.top10(built, "how do I bake bread at home?")))
          .isEqualTo(first);
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
