package dev.quarry.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad invocations of the CLI, each with the exit code docs/cli.md documents: one line on stderr, no
 * Java class name or stack frame in it, and (where it matters) the hint the line must carry.
 */
class BadInvocationsTest {
  /** A qualified class name, an exception's simple name, or a stack frame. */
  private static final Pattern JAVA_INTERNALS =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|com|org)\\.[a-z]|[A-Za-z]+(?:Exception|Error)\\b|\\bat [a-z]+\\.");

  @TempDir static Path dir;
  private static Path collection;
  private static Path docs;

  @BeforeAll
  static void collection() throws IOException {
    docs = dir.resolve("docs.jsonl");
    Files.writeString(
        docs,
        """
        {"id": "a", "text": "Rivers carry water to the sea.", "category": "nature", "year": 2020}
        {"id": "b", "text": "Compilers turn source code into programs.", "category": "tech", "year": 2021}
        """);
    collection = dir.resolve("c");
    CliRun r =
        CliRun.of("index", collection.toString(), docs.toString(), "--model", MODEL, "--quiet");
    assertThat(r.exit()).as(r.err()).isZero();
    Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"x\", \"text\": \"fine\"}\n{\"id\":\n");
    Files.writeString(dir.resolve("notes.docx"), "binary");
    Path damaged = Files.createDirectories(dir.resolve("damaged"));
    Files.writeString(damaged.resolve("quarry.json"), "{\"format\": \"quarry\", broken");
  }

  private static final String MODEL = "all-minilm-l6-v2-q";

  static Stream<Arguments> cases() {
    String c = "@C";
    String missing = "@DIR/missing";
    List<Arguments> all = new ArrayList<>();
    // usage: command line shape (picocli)
    add(all, ExitCodes.USAGE, "missing command", "");
    add(all, ExitCodes.USAGE, "Unmatched argument", "nosuch");
    add(all, ExitCodes.USAGE, "Missing required parameters", "index");
    add(all, ExitCodes.USAGE, "Unknown option", "index", c, "@DOCS", "--nope");
    add(all, ExitCodes.USAGE, "Invalid value", "search", c, "q", "-k", "ten");
    add(all, ExitCodes.USAGE, "Missing required parameter", "search", c);
    add(all, ExitCodes.USAGE, "Unmatched argument", "stats", c, "extra");
    add(all, ExitCodes.USAGE, "Unknown option", "embed", "--no-such-option");
    // usage: values Quarry checks
    add(
        all,
        ExitCodes.USAGE,
        "unknown model 'nosuch'",
        "index",
        "@DIR/new",
        "@DOCS",
        "--model",
        "nosuch");
    add(all, ExitCodes.USAGE, "int3", "index", "@DIR/new2", "@DOCS", "--encoding", "int3");
    add(all, ExitCodes.USAGE, "no such file or folder", "index", c, "@DIR/missing.jsonl");
    add(all, ExitCodes.USAGE, "cannot tell the format", "index", c, "@DIR/notes.docx");
    add(all, ExitCodes.USAGE, "--strict", "index", c, "@DIR/bad.jsonl", "--strict", "--quiet");
    add(all, ExitCodes.USAGE, "fuzzy", "search", c, "q", "--mode", "fuzzy");
    add(all, ExitCodes.USAGE, "recency", "search", c, "q", "--recency", "sometimes");
    add(all, ExitCodes.USAGE, "as-of", "search", c, "q", "--as-of", "yesterday");
    add(
        all,
        ExitCodes.USAGE,
        "--half-life must be 1..36500 days",
        "search",
        c,
        "q",
        "--half-life",
        "0");
    add(
        all,
        ExitCodes.USAGE,
        "did you mean 'category'",
        "search",
        c,
        "q",
        "--filter",
        "categroy = 'x'");
    add(all, ExitCodes.USAGE, "single '='", "search", c, "q", "--filter", "category == 'tech'");
    add(
        all,
        ExitCodes.USAGE,
        "AND instead of '&&'",
        "search",
        c,
        "q",
        "--filter",
        "year = 1 && year = 2");
    add(
        all,
        ExitCodes.USAGE,
        "OR instead of '||'",
        "search",
        c,
        "q",
        "--filter",
        "year = 1 || year = 2");
    add(all, ExitCodes.USAGE, "'contains'", "search", c, "q", "--filter", "category ~ 'te'");
    add(all, ExitCodes.USAGE, "year", "search", c, "q", "--filter", "year = 'twenty'");
    add(all, ExitCodes.USAGE, "filter is empty", "search", c, "q", "--filter", " ");
    add(all, ExitCodes.USAGE, "not a Quarry collection", "search", missing, "q");
    add(all, ExitCodes.USAGE, "not a Quarry collection", "stats", missing);
    add(all, ExitCodes.USAGE, "not a Quarry collection", "verify", missing);
    add(all, ExitCodes.USAGE, "not a Quarry collection", "get", missing, "a");
    add(all, ExitCodes.USAGE, "give document ids or --filter", "delete", c);
    add(all, ExitCodes.USAGE, "did you mean 'year'", "delete", c, "--filter", "yaer < 2000");
    add(all, ExitCodes.USAGE, "bogus", "reindex", c, "--encoding", "bogus");
    add(all, ExitCodes.USAGE, "boss", "embed", "--role", "boss", "@DOCS");
    add(all, ExitCodes.USAGE, "no such file", "embed", "@DIR/missing.txt");
    add(all, ExitCodes.USAGE, "exceeds the model's 384", "embed", "@DOCS", "--dimensions", "999");
    add(all, ExitCodes.USAGE, "no such file", "eval", "sts", "@DIR/missing.csv");
    // not found
    add(all, ExitCodes.NOT_FOUND, "nosuch", "get", c, "nosuch");
    add(all, ExitCodes.NOT_FOUND, "nosuch, other", "get", c, "a", "nosuch", "other");
    // failures that are not the caller's
    add(all, ExitCodes.FAILURE, "is damaged", "stats", "@DIR/damaged");
    add(all, ExitCodes.FAILURE, "is damaged", "search", "@DIR/damaged", "q");
    return all.stream();
  }

  private static void add(List<Arguments> all, int exit, String hint, String... args) {
    all.add(Arguments.of(String.join(" ", args), exit, hint, args));
  }

  @ParameterizedTest(name = "quarry {0}")
  @MethodSource("cases")
  void failsWithOneLineAndTheDocumentedCode(
      String shown, int exit, String hint, String[] template) {
    String[] args = new String[template.length];
    for (int i = 0; i < args.length; i++) {
      args[i] =
          template[i]
              .replace("@C", collection.toString())
              .replace("@DOCS", docs.toString())
              .replace("@DIR", dir.toString());
    }
    CliRun r = CliRun.of(template.length == 1 && template[0].isEmpty() ? new String[0] : args);
    assertThat(r.err().lines().toList()).as("stderr of quarry %s", shown).hasSize(1);
    String line = r.err().strip();
    assertThat(line).startsWith("error: ").contains(hint);
    assertThat(JAVA_INTERNALS.matcher(line).find()).as("Java internals in: %s", line).isFalse();
    assertThat(r.exit()).as(line).isEqualTo(exit);
  }

  @Test
  void atLeastTwentyFiveCases() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void getPrintsTheDocumentsItFindsBeforeFailing() {
    CliRun r = CliRun.of("get", collection.toString(), "a", "nosuch");
    assertThat(r.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.out()).contains("\"id\":\"a\"");
  }
}
