package dev.quarry.engine.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchResult;
import dev.quarry.query.filter.FilterParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, verbatim: it must compile, run, and match the README's text. */
class ReadmeExampleTest {
  @TempDir Path dir;

  @Test
  void readmeExampleRunsAndIsTheOneInTheReadme() throws IOException {
    // BEGIN README EXAMPLE
    // dir: the collection folder, e.g. Path.of("my-notes")
    List<String> printed = new ArrayList<>();
    try (Quarry quarry = Quarry.openOrCreate(dir, QuarryConfig.DEFAULTS)) {
      quarry.upsert(
          List.of(
              new TextDocument(
                  "n1",
                  "HNSW",
                  "Graph indexes find nearest neighbours in logarithmic time.",
                  Map.of("date", LocalDate.of(2024, 5, 1), "tags", List.of("search", "graphs"))),
              new TextDocument(
                  "n2",
                  "Sourdough",
                  "A lively starter and a long, cool proof make good bread.",
                  Map.of("date", LocalDate.of(2023, 2, 1), "tags", List.of("baking")))));
      quarry.commit(); // durable; a returned upsert already survives a crash of the process
      SearchResult result =
          quarry.search(
              SearchRequest.builder("how do vector indexes work?")
                  .k(5)
                  .filter(FilterParser.parse("tags = \"search\""))
                  .build());
      for (SearchHit hit : result.hits()) {
        printed.add(hit.id() + " " + hit.document().title());
      }
    }
    // END README EXAMPLE
    assertThat(printed).containsExactly("n1 HNSW");
    assertThat(readmeJavaBlock()).isEqualTo(snippet());
  }

  /** The README's first java code block, exactly. */
  private static String readmeJavaBlock() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    String readme = Files.readString(p.resolve("README.md"));
    int from = readme.indexOf("```java\n") + "```java\n".length();
    return readme.substring(from, readme.indexOf("```", from));
  }

  /** The lines between the markers above, without their common indentation. */
  private static String snippet() throws IOException {
    Path source = Path.of("src/test/java/dev/quarry/engine/readme/ReadmeExampleTest.java");
    List<String> lines = Files.readAllLines(source);
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("// BEGIN README EXAMPLE")) {
        from = i + 1;
      } else if (lines.get(i).trim().equals("// END README EXAMPLE")) {
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
    return sb.toString();
  }
}
