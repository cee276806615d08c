package dev.quarry.engine.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps a README code block and the test that compiles and runs it identical: the test's lines
 * between two marker comments, against the README's {@code java} block under the comment that names
 * the test. Shared by the README tests of every module (engine's test jar).
 */
public final class ReadmeSnippet {
  private ReadmeSnippet() {}

  /** The lines of {@code source} between the {@code begin} and {@code end} markers, de-indented. */
  public static String between(Path source, String begin, String end) {
    List<String> lines = read(source);
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.equals(begin)) {
        from = i + 1;
      } else if (l.equals(end)) {
        to = i;
      }
    }
    if (from < 0 || to < from) {
      throw new IllegalStateException(source + " has no " + begin + " … " + end + " markers");
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

  /** The README's {@code java} block that follows the first line containing {@code marker}. */
  public static String readmeBlockAfter(String marker) {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    String readme = String.join("\n", read(dir.resolve("README.md"))) + "\n";
    int at = readme.indexOf(marker);
    if (at < 0) {
      throw new IllegalStateException("README.md does not name " + marker + " above its snippet");
    }
    int from = readme.indexOf("```java\n", at) + "```java\n".length();
    return readme.substring(from, readme.indexOf("```", from));
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
