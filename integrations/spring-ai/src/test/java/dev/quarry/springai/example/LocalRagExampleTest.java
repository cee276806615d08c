package dev.quarry.springai.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.springai.QuarryVectorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;

/** The local RAG example, run over the sample corpus in data/sample, across a restart. */
class LocalRagExampleTest {
  private static final String QUESTION =
      "How do I make a dropdown menu open and close with jQuery?";

  @TempDir Path dir;

  @Test
  void indexesTheSampleCorpusAndRetrievesPassagesAcrossARestart() {
    Path corpus = corpus();
    List<Document> before;
    List<Document> passages;
    try (QuarryVectorStore store = QuarryVectorStore.builder(dir.resolve("rag")).build()) {
      passages = LocalRagExample.index(store, corpus);
      assertThat(passages).hasSizeGreaterThan(324); // some documents are cut into several passages
      before = LocalRagExample.retrieve(store, QUESTION, 4, null);
      assertThat(before).hasSize(4);
      assertThat(before.get(0).getMetadata()).containsEntry("parent_document_id", "js-jquery-01");

      List<Document> cooking =
          LocalRagExample.retrieve(
              store,
              "a quick weeknight dinner",
              5,
              "category == 'cooking' && date >= '2020-01-01'");
      assertThat(cooking).hasSize(5);
      assertThat(cooking)
          .allSatisfy(
              d -> {
                assertThat(d.getMetadata()).containsEntry("category", "cooking");
                assertThat((LocalDate) d.getMetadata().get("date"))
                    .isAfterOrEqualTo(LocalDate.of(2020, 1, 1));
              });
    }
    // A restart: the index is on disk, nothing is embedded again.
    try (QuarryVectorStore store = QuarryVectorStore.builder(dir.resolve("rag")).build()) {
      assertThat(LocalRagExample.retrieve(store, QUESTION, 4, null)).isEqualTo(before);
      // Every passage comes back: id, text and metadata with its types (Integer chunk_index,
      // LocalDate date, List tags, Double rating).
      for (Document passage : passages) {
        assertThat(store.get(passage.getId())).contains(passage);
      }
    }
  }

  private static Path corpus() {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve("data/sample/corpus.jsonl"))) {
      p = p.getParent();
    }
    return p.resolve("data/sample/corpus.jsonl");
  }
}
