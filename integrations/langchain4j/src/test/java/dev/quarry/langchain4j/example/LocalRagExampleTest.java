package dev.quarry.langchain4j.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.rag.content.Content;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the local RAG example on the sample corpus, twice: the second run reuses the index. */
class LocalRagExampleTest {
  private static final Path CORPUS = Path.of("../../data/sample/corpus.jsonl");

  @TempDir Path dir;

  @Test
  void retrievesThePassagesThatAnswerTheQuestionAndReusesTheIndex() throws Exception {
    assertThat(CORPUS).exists();
    Path index = dir.resolve("rag-index");
    List<Content> first =
        LocalRagExample.retrieve(
            CORPUS, index, "How do I open and close a dropdown menu with jQuery?", 5);
    assertThat(first).isNotEmpty();
    assertThat(first.get(0).textSegment().metadata().getString("id")).startsWith("js-jquery");
    assertThat(first.get(0).textSegment().text()).containsIgnoringCase("dropdown");

    long indexed = documentsIn(index);
    List<Content> again =
        LocalRagExample.retrieve(
            CORPUS, index, "How do I open and close a dropdown menu with jQuery?", 5);
    assertThat(again)
        .extracting(c -> c.textSegment().text())
        .containsExactlyElementsOf(first.stream().map(c -> c.textSegment().text()).toList());
    assertThat(documentsIn(index)).isEqualTo(indexed).isGreaterThanOrEqualTo(324);
  }

  private static long documentsIn(Path index) {
    try (var store = dev.quarry.langchain4j.QuarryEmbeddingStore.builder().path(index).build()) {
      return store.collection().stats().documents();
    }
  }
}
