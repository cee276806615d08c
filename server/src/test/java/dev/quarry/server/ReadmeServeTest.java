package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.quarry.engine.QuarryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 6: every {@code curl} line of the README's "Serve" block runs, with real curl, against
 * a server started as the block's first line starts it ({@code quarry serve notes/}, default
 * model), and prints what its {@code # →} comment says. A curl line without a comment fails the
 * test.
 */
class ReadmeServeTest {
  @TempDir Path root;

  @Test
  void everyCurlExampleAnswersWhatItsCommentSays() throws Exception {
    assumeThat(curlAvailable()).as("curl is not installed here").isTrue();
    List<String> block = serveBlock();
    assertThat(block.get(0)).startsWith("./quarry serve notes/");
    int ran = 0;
    try (Serving serving =
        Serving.start(
            List.of(root.resolve("notes")), QuarryConfig.DEFAULTS, ServerOptions.local(0))) {
      String host = "localhost:" + serving.server().port();
      for (String line : block) {
        if (!line.startsWith("curl ")) {
          continue;
        }
        int at = line.indexOf("# → ");
        assertThat(at).as("a curl example says what it answers: %s", line).isPositive();
        String promise = line.substring(at + 4).trim();
        String command =
            line.substring(0, at).replace("localhost:" + ServerOptions.DEFAULT_PORT, host);
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(line + "\n" + out).isZero();
        assertThat(out).as(line).contains(promise);
        ran++;
      }
    }
    assertThat(ran).as("curl examples run").isGreaterThanOrEqualTo(8);
  }

  private static List<String> serveBlock() throws IOException {
    List<String> lines = Files.readAllLines(Repo.file("README.md"));
    int from = lines.indexOf("## Serve");
    int open = lines.subList(from, lines.size()).indexOf("```bash") + from;
    int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
    return lines.subList(open + 1, close);
  }

  private static boolean curlAvailable() {
    try {
      return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
