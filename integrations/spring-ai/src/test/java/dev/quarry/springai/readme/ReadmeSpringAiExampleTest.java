package dev.quarry.springai.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.readme.ReadmeSnippet;
import dev.quarry.springai.QuarryVectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * The README's "Use with Spring AI" example, verbatim: it must compile, run, and be the README's.
 */
class ReadmeSpringAiExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExampleRunsAndIsTheOneInTheReadme() throws IOException {
    // BEGIN README SPRING AI EXAMPLE
    // dir: the collection folder, e.g. Path.of("rag-index"); the index survives restarts
    List<String> printed = new ArrayList<>();
    try (QuarryVectorStore store = QuarryVectorStore.builder(dir).build()) {
      store.add(
          List.of(
              new Document(
                  "n1",
                  "Graph indexes find nearest neighbours in logarithmic time.",
                  Map.of("topic", "search", "year", 2024)),
              new Document(
                  "n2",
                  "A lively starter and a long, cool proof make good bread.",
                  Map.of("topic", "baking", "year", 2023))));
      List<Document> passages =
          store.similaritySearch(
              SearchRequest.builder()
                  .query("how do vector indexes work?")
                  .topK(4)
                  .similarityThreshold(0.2) // cosine similarity, negatives as 0
                  .filterExpression("topic == 'search' && year >= 2020")
                  .build());
      for (Document passage : passages) {
        printed.add(passage.getId() + " " + passage.getMetadata().get("year"));
      }
    }
    // END README SPRING AI EXAMPLE
    assertThat(printed).containsExactly("n1 2024");
    assertThat(ReadmeSnippet.readmeBlockAfter("ReadmeSpringAiExampleTest.java"))
        .isEqualTo(
            ReadmeSnippet.between(
                Path.of("src/test/java/dev/quarry/springai/readme/ReadmeSpringAiExampleTest.java"),
                "// BEGIN README SPRING AI EXAMPLE",
                "// END README SPRING AI EXAMPLE"));
  }
}
