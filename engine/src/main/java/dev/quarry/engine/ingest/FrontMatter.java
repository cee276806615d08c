package dev.quarry.engine.ingest;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML front matter: a block between a first line {@code ---} and the next line {@code ---} (or
 * {@code ...}) at the start of a text or Markdown file. Its keys become metadata and it is cut from
 * the text, so that it is neither embedded nor shown. Parsed with SnakeYAML's safe constructor
 * (standard YAML types only, never a Java class named in the file) and limits on aliases and
 * nesting; scalars are typed by {@link Values}, as in CSV and JSON lines (decision 0035).
 */
final class FrontMatter {
  private static final List<String> OPEN = List.of("---");
  private static final List<String> CLOSE = List.of("---", "...");

  /**
   * A file's text split at its front matter.
   *
   * @param fields the block's keys, flattened (empty when there is no block)
   * @param body the text after the block; the whole text when there is no block or it is broken
   * @param problem why a block was not read (it is then kept as text), or null
   */
  record Split(Map<String, Object> fields, String body, String problem) {}

  private FrontMatter() {}

  static Split split(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = t.lines().toList();
    if (lines.isEmpty()) {
      return new Split(Map.of(), text, null);
    }
    String first = lines.get(0).stripTrailing();
    if (first.equals("+++")) {
      return new Split(Map.of(), text, "TOML front matter (+++) is not supported");
    }
    if (!OPEN.contains(first)) {
      return new Split(Map.of(), text, null);
    }
    int close = 1;
    while (close < lines.size() && !CLOSE.contains(lines.get(close).stripTrailing())) {
      close++;
    }
    if (close == lines.size()) {
      return new Split(Map.of(), text, "front matter opened with '---' on line 1 is never closed");
    }
    String block = String.join("\n", lines.subList(1, close));
    String body = String.join("\n", lines.subList(close + 1, lines.size()));
    Object parsed;
    try {
      parsed = yaml().load(block);
    } catch (YAMLException e) {
      return new Split(Map.of(), text, "front matter " + describe(e));
    }
    if (parsed != null && !(parsed instanceof Map<?, ?>)) {
      return new Split(Map.of(), text, "front matter is not a block of 'key: value' lines");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    if (parsed instanceof Map<?, ?> map) {
      map.forEach((k, v) -> Values.flatten(String.valueOf(k), v, fields));
    }
    return new Split(fields, body, null);
  }

  private static String describe(YAMLException e) {
    if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      // +2: the mark counts from 0, and the block starts on the file's second line
      return "is not valid YAML (line "
          + (m.getProblemMark().getLine() + 2)
          + "): "
          + m.getProblem();
    }
    String msg = String.valueOf(e.getMessage());
    int nl = msg.indexOf('\n');
    return "is not valid YAML: " + (nl < 0 ? msg : msg.substring(0, nl));
  }

  /** A new parser per block: SnakeYAML's parsers are not thread-safe. */
  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(20);
    options.setAllowRecursiveKeys(false);
    return new Yaml(new Constructor(options));
  }

  /**
   * The safe constructor with scalars typed as in the other formats: YAML 1.1's {@code yes}/{@code
   * no}, octal, sexagesimal ({@code 1:30}) and infinite numbers stay text, and dates become a
   * {@code LocalDate} or an {@code Instant}.
   */
  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      Construct timestamp = yamlConstructors.get(Tag.TIMESTAMP);
      yamlConstructors.put(Tag.INT, scalar(s -> Values.number(s) instanceof Long l ? l : null));
      yamlConstructors.put(
          Tag.FLOAT, scalar(s -> Values.number(s) instanceof Number n ? n.doubleValue() : null));
      yamlConstructors.put(Tag.BOOL, scalar(Values::bool));
      yamlConstructors.put(
          Tag.TIMESTAMP,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              Object iso = Values.date(((ScalarNode) node).getValue());
              return iso != null ? iso : ((Date) timestamp.construct(node)).toInstant();
            }
          });
    }

    /** A scalar constructor that keeps the text when {@code parse} returns null. */
    private static AbstractConstruct scalar(java.util.function.Function<String, Object> parse) {
      return new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String raw = ((ScalarNode) node).getValue();
          Object v = parse.apply(raw);
          return v != null ? v : raw;
        }
      };
    }
  }
}
