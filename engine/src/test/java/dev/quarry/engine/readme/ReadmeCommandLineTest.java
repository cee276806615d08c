package dev.quarry.engine.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.quarry.engine.cli.QuarryCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "Command line" examples: each {@code ./quarry index} of a file in the
 * repository, then each {@code ./quarry search}, which must say after {@code # →} what it returns:
 * {@code ID first}, {@code top N: GLOB} or {@code only: ID, ID, …}. A search without a promise, or
 * on a collection no example indexed, fails the test, so every search example stays checked.
 */
class ReadmeCommandLineTest {
  private static final Path REPO = Path.of("..");
  private static final Pattern FIRST = Pattern.compile("^([\\w-]+) first\\b.*");
  private static final Pattern TOP = Pattern.compile("^top (\\d+): ([\\w*-]+).*");
  private static final Pattern ONLY = Pattern.compile("^only: ([\\w-]+(?:, [\\w-]+)*).*");

  /** Index options that take no value. */
  private static final List<String> FLAGS = List.of("--strict", "--quiet", "--no-cache");

  @TempDir Path dir;

  @Test
  void everySearchExampleReturnsWhatItsCommentSays() throws IOException {
    Map<String, Path> collections = new HashMap<>();
    int searches = 0;
    for (String line : commandLineBlock()) {
      List<String> words = words(line);
      if (words.size() < 3 || !words.get(0).equals("./quarry")) {
        continue;
      }
      String command = words.get(1);
      String collection = words.get(2);
      List<String> inputs = inputs(words);
      if (command.equals("index") && inputs.stream().allMatch(w -> Files.exists(REPO.resolve(w)))) {
        Path target = dir.resolve(collection.replace("/", ""));
        List<String> args = new ArrayList<>(List.of("index", target.toString()));
        for (String w : words.subList(3, words.size())) {
          args.add(inputs.contains(w) ? REPO.resolve(w).toString() : w);
        }
        args.addAll(List.of("--quiet", "--no-cache"));
        assertThat(run(args).exit).as(line).isZero();
        collections.put(collection, target);
      } else if (command.equals("search")) {
        searches++;
        assertThat(collections)
            .as("no example indexes %s before: %s", collection, line)
            .containsKey(collection);
        String promise = comment(line);
        assertThat(promise).as("a search example says what it returns: %s", line).isNotNull();
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        args.set(1, collections.get(collection).toString());
        args.remove("--explain");
        if (!args.contains("--json")) {
          args.add("--json");
        }
        Run r = run(args);
        assertThat(r.exit).as(line + "\n" + r.err).isZero();
        check(line, promise, ids(r.out));
      }
    }
    assertThat(searches).as("search examples found").isGreaterThanOrEqualTo(5);
  }

  private static void check(String line, String promise, List<String> ids) {
    Matcher m;
    if ((m = FIRST.matcher(promise)).matches()) {
      assertThat(ids).as(line).isNotEmpty();
      assertThat(ids.get(0)).as(line).isEqualTo(m.group(1));
    } else if ((m = TOP.matcher(promise)).matches()) {
      int n = Integer.parseInt(m.group(1));
      String glob = m.group(2).replace("*", ".*");
      assertThat(ids).as(line).hasSizeGreaterThanOrEqualTo(n);
      assertThat(ids.subList(0, n)).as(line).allMatch(id -> id.matches(glob));
    } else if ((m = ONLY.matcher(promise)).matches()) {
      assertThat(ids).as(line).containsExactlyInAnyOrder(m.group(1).split(", "));
    } else {
      throw new AssertionError("unreadable promise '" + promise + "' in: " + line);
    }
  }

  /** The input paths of an index line: its words after the collection, less options and values. */
  private static List<String> inputs(List<String> words) {
    List<String> inputs = new ArrayList<>();
    for (int i = 3; i < words.size(); i++) {
      if (words.get(i).startsWith("-")) {
        i += FLAGS.contains(words.get(i)) ? 0 : 1;
      } else {
        inputs.add(words.get(i));
      }
    }
    return inputs;
  }

  private static List<String> commandLineBlock() throws IOException {
    List<String> lines = Files.readAllLines(REPO.resolve("README.md"));
    int from = lines.indexOf("## Command line");
    int open = lines.subList(from, lines.size()).indexOf("```bash") + from;
    int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
    return lines.subList(open + 1, close);
  }

  /** The text after {@code # →}, or null. */
  private static String comment(String line) {
    int at = line.indexOf("# → ");
    return at < 0 ? null : line.substring(at + 4).trim();
  }

  /** Shell words of {@code line} up to its comment, with single and double quotes. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }

  private static List<String> ids(String json) {
    List<String> ids = new ArrayList<>();
    for (JsonElement hit : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("hits")) {
      ids.add(hit.getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        QuarryCli.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
