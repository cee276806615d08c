package dev.quarry.spark.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.readme.ReadmeSnippet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Index on Spark" example: the example job runs on {@code local[2]} over a slice of
 * the sample corpus, its collection answers a search, and its code is the README's block.
 */
class IndexJsonLinesTest {
  @TempDir Path tmp;

  @Test
  void exampleJobRunsAndIsTheOneInTheReadme() throws Exception {
    Path input = tmp.resolve("cooking.jsonl");
    try (Stream<String> lines = Files.lines(Path.of("../../data/sample/corpus.jsonl"))) {
      Files.write(input, lines.filter(l -> l.contains("\"category\": \"cooking\"")).toList());
    }
    Path out = tmp.resolve("index");
    String printed = runMain(input.toString(), out.toString(), "2");

    assertThat(printed).containsPattern("\\d+ documents, \\d+ chunks, 0 rows rejected; 2 shards");
    try (Quarry q = Quarry.openReadOnly(out)) {
      assertThat(q.verify().ok()).isTrue();
      assertThat(q.search("how do I bake bread?", 3).hits()).isNotEmpty();
    }
    assertThat(ReadmeSnippet.readmeBlockAfter("IndexJsonLines.java"))
        .isEqualTo(
            ReadmeSnippet.between(
                Path.of("src/main/java/dev/quarry/spark/example/IndexJsonLines.java"),
                "// BEGIN README SPARK EXAMPLE",
                "// END README SPARK EXAMPLE"));
  }

  /** Runs the job's main on local[2], as spark-submit --master local[2] would. */
  private static String runMain(String... args) {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.ui.enabled", "false");
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      IndexJsonLines.main(args);
    } finally {
      System.setOut(stdout);
      for (String key : List.of("spark.master", "spark.ui.enabled", "spark.driver.host")) {
        System.clearProperty(key);
      }
      System.clearProperty("spark.driver.bindAddress");
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
