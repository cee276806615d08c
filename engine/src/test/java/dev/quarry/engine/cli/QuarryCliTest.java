package dev.quarry.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.quarry.engine.io.Fvecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors on stderr, results on stdout. */
class QuarryCliTest {
  @TempDir Path dir;

  @Test
  void modelsListsEveryBuiltinWithItsChecksum() {
    CliRun r = CliRun.of("models");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("all-minilm-l6-v2*", "bge-small-en-v1.5-q", "sha256:759c3cd2b7fe", "cls", "512");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"embed", "--help"},
            new String[] {"eval", "sts", "--help"})) {
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }

  @Test
  void pluginsAddCommandsFoundOnTheClasspath() {
    assertThat(CliRun.of("--help").out()).contains("test-echo");
    CliRun r = CliRun.of("test-echo", "hello");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("echo hello" + System.lineSeparator());
    assertThat(CliRun.of("test-echo").exit()).isEqualTo(2);
  }

  @Test
  void usageErrorsExitTwoWithOneLineAndAHint() {
    CliRun r = CliRun.of("embed", "--no-such-option");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: Unknown option: '--no-such-option'")
        .contains("see 'quarry embed --help'");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(CliRun.of("embed", "--role", "boss", "x").exit()).isEqualTo(2);
    assertThat(CliRun.of().exit()).isEqualTo(2);
  }

  @Test
  void missingFilesAreUsageErrorsWithoutAStackTrace() {
    CliRun r = CliRun.of("eval", "sts", dir.resolve("missing.csv").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: no such file:").doesNotContain("at dev.quarry");
  }

  @Test
  void embedWritesJsonLinesAndFvecs() throws IOException {
    Path input = dir.resolve("texts.txt");
    Files.writeString(input, "first text\nsecond text\n\nfourth\n");
    CliRun json = CliRun.of("embed", input.toString(), "--dimensions", "64");
    assertThat(json.exit()).as(json.err()).isZero();
    List<String> lines = json.out().lines().toList();
    assertThat(lines).hasSize(4);
    var first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
    assertThat(first.get("line").getAsInt()).isEqualTo(1);
    assertThat(first.getAsJsonArray("vector")).hasSize(64);

    Path out = dir.resolve("v.fvecs");
    CliRun fvecs =
        CliRun.of("embed", input.toString(), "--output", out.toString(), "--role", "query");
    assertThat(fvecs.exit()).as(fvecs.err()).isZero();
    assertThat(Fvecs.read(out)).hasSize(4).allSatisfy(v -> assertThat(v).hasSize(384));
    assertThat(fvecs.err()).contains("embedded 4 texts");
  }

  @Test
  void tooManyDimensionsIsAUsageError() throws IOException {
    Path input = dir.resolve("t.txt");
    Files.writeString(input, "x\n");
    CliRun r = CliRun.of("embed", input.toString(), "--dimensions", "999");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("dimensions 999 exceeds the model's 384");
  }

  @Test
  void aBuiltInCommandIsRegisteredAloneAndEverythingElseSeesAllCommands() {
    assertThat(QuarryCli.commandLine("-v", "search", "dir", "query").getSubcommands())
        .containsOnlyKeys("search");
    assertThat(QuarryCli.commandLine("stats", "dir").getSubcommands()).containsOnlyKeys("stats");
    assertThat(QuarryCli.commandLine("--help").getSubcommands())
        .containsKeys("search", "stats", "help", "index");
    assertThat(QuarryCli.commandLine("help", "search").getSubcommands()).containsKeys("search");
    assertThat(QuarryCli.commandLine("serach").getSubcommands()).containsKeys("search", "demo");
  }
}
