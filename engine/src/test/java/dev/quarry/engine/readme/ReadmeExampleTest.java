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
    assertThat(ReadmeSnippet.readmeBlockAfter("ReadmeExampleTest.java"))
        .isEqualTo(
            ReadmeSnippet.between(
                Path.of("src/test/java/dev/quarry/engine/readme/ReadmeExampleTest.java"),
                "// BEGIN README EXAMPLE",
                "// END README EXAMPLE"));
  }
}
