package dev.quarry.springai.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.springai.QuarryVectorStore;
import java.io.IOException;
import java.nio.file.Files;
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
    assertThat(readme()).contains(snippet());
  }

  private static String readme() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    return Files.readString(p.resolve("README.md"));
  }

  /** The lines between the markers above, without their common indentation. */
  private static String snippet() throws IOException {
    Path source =
        Path.of("src/test/java/dev/quarry/springai/readme/ReadmeSpringAiExampleTest.java");
    List<String> lines = Files.readAllLines(source);
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("// BEGIN README SPRING AI EXAMPLE")) {
        from = i + 1;
      } else if (lines.get(i).trim().equals("// END README SPRING AI EXAMPLE")) {
        to = i;
      }
    }
    List<String> body = lines.subList(from, to);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : body) {
      sb.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
    }
    return "```java\n" + sb + "```\n";
  }
}
