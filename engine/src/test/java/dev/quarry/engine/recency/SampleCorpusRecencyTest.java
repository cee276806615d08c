package dev.quarry.engine.recency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.Readers;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's recency showcase on the sample corpus with the default model: "latest Nimbus Phone"
 * must return Nimbus phones, newest first, not recent documents on other topics. This is what the
 * decay's relevance gate is for (docs/decisions/0005-recency-gate.md): without it (gate 0), a
 * 30-day half-life ranks 2026 notes on other topics above the 2024 phone.
 */
class SampleCorpusRecencyTest {
  /** After the newest sample document (2026-08-24), so that nothing is excluded as future. */
  static final Instant AS_OF = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir static Path dir;
  static Quarry quarry;

  @BeforeAll
  static void index() {
    quarry = Quarry.create(dir.resolve("sample"), QuarryConfig.DEFAULTS);
    quarry.ingest(
        List.of(
            Readers.open(
                Path.of("..", "data", "sample", "corpus.jsonl").toString(),
                null,
                FieldMapping.DEFAULT,
                5_000_000)),
        Progress.none(),
        IngestPipeline.Options.DEFAULTS);
  }

  @AfterAll
  static void close() {
    quarry.close();
  }

  private static SearchResult search(String query, SearchRequest.Recency recency) {
    return quarry.search(
        SearchRequest.builder(query).k(3).explain(true).recency(recency.withAsOf(AS_OF)).build());
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(SearchHit::id).toList();
  }

  @Test
  void latestNimbusPhoneReturnsTheNewestNimbusPhones() {
    SearchResult r = search("latest Nimbus Phone", SearchRequest.Recency.DEFAULT);
    assertThat(ids(r)).allMatch(id -> id.startsWith("nimbus-v8"));
    assertThat(String.join("\n", r.plan())).contains("decay applied (auto: cue 'latest')");
  }

  @Test
  void newestKestrelReleaseIsKestrelFive() {
    SearchResult r = search("newest Kestrel DB release", SearchRequest.Recency.DEFAULT);
    assertThat(ids(r).get(0)).startsWith("kestrel-5-0");
    assertThat(ids(r)).allMatch(id -> id.startsWith("kestrel-"));
  }

  @Test
  void withoutTheGateRecentDocumentsOnOtherTopicsWin() {
    SearchResult r = search("latest Nimbus Phone", SearchRequest.Recency.DEFAULT.withGate(0));
    assertThat(ids(r)).noneMatch(id -> id.startsWith("nimbus-"));
  }
}
