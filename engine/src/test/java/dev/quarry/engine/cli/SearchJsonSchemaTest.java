package dev.quarry.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry search --json} output validates against docs/search-result.schema.json. */
class SearchJsonSchemaTest {
  @TempDir Path dir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QuarryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void searchJsonMatchesTheDocumentedSchema() throws Exception {
    Path input = dir.resolve("docs.jsonl");
    Files.writeString(
        input,
        "{\"id\":\"a\",\"title\":\"Vector search\",\"text\":\"HNSW graphs find near neighbours fast.\",\"date\":\"2024-05-01\",\"tags\":[\"ann\",\"graph\"],\"stars\":5,\"open\":true}\n"
            + "{\"id\":\"b\",\"text\":\"Sourdough bread needs a lively starter.\",\"score\":4.5}\n");
    Path coll = dir.resolve("c");
    String[] indexed =
        run(
            "index",
            coll.toString(),
            input.toString(),
            "--model",
            "all-minilm-l6-v2-q",
            "--quiet",
            "--no-cache");
    assertThat(indexed[0]).as(indexed[2]).isEqualTo("0");
    String[] search =
        run(
            "search",
            coll.toString(),
            "how do graph indexes find neighbours",
            "--json",
            "--k",
            "2");
    assertThat(search[0]).as(search[2]).isEqualTo("0");

    ObjectMapper mapper = new ObjectMapper();
    JsonNode schemaNode =
        mapper.readTree(Files.readString(locate("docs/search-result.schema.json")));
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    JsonNode output = mapper.readTree(search[1]);
    Set<ValidationMessage> errors = schema.validate(output);
    assertThat(errors).as(search[1]).isEmpty();
    assertThat(output.get("hits")).hasSize(2);
    assertThat(output.get("hits").get(0).get("id").asText()).isEqualTo("a");
    assertThat(output.get("hits").get(0).get("metadata").get("tags")).hasSize(2);

    // The schema is strict enough to catch a wrong shape.
    ((com.fasterxml.jackson.databind.node.ObjectNode) output.get("hits").get(0))
        .put("score", "high");
    assertThat(schema.validate(output)).isNotEmpty();
  }

  /** Finds a repository file from a module's working directory. */
  static Path locate(String relative) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve(relative))) {
      p = p.getParent();
    }
    assertThat(p).as("repository root holding " + relative).isNotNull();
    return p.resolve(relative);
  }
}
