package dev.quarry.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.query.spi.FilterCompiler;
import dev.quarry.testing.Gen;
import dev.quarry.testing.RandomCases;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Operand;
import org.springframework.ai.vectorstore.filter.Filter.Value;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/**
 * Random Spring AI filter expressions select, through the translation and Quarry's filter engine,
 * exactly the documents a direct evaluation over the Spring AI metadata selects; the text form of
 * the same expression selects the same documents. Seeded: the seed is printed and named in any
 * failure; re-run it with {@code -Dquarry.seed=N}.
 */
class FilterTranslationProperties {
  private static final List<String> COUNTRIES = List.of("BG", "NL", "US");
  private static final List<String> TAGS = List.of("a", "b", "c");
  private static final List<ExpressionType> EQUALITY =
      List.of(ExpressionType.EQ, ExpressionType.NE);
  private static final List<ExpressionType> ALL =
      List.of(
          ExpressionType.EQ,
          ExpressionType.NE,
          ExpressionType.GT,
          ExpressionType.GTE,
          ExpressionType.LT,
          ExpressionType.LTE);
  private static final List<ExpressionType> SET = List.of(ExpressionType.IN, ExpressionType.NIN);

  /**
   * Deeper than any expression of the former generator is likely to grow; bounds the worst case.
   */
  private static final int MAX_DEPTH = 12;

  private static Path dir;
  private static QuarryVectorStore store;
  private static List<Document> docs;

  @BeforeAll
  static void index() throws IOException {
    dir = Files.createTempDirectory("quarry-filter-properties");
    Random random = new Random(42); // a fixed corpus; the expressions are what varies
    docs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> md = new HashMap<>();
      if (random.nextInt(5) > 0) {
        md.put("country", COUNTRIES.get(random.nextInt(COUNTRIES.size())));
      }
      if (random.nextInt(5) > 0) {
        md.put("year", 2015 + random.nextInt(11));
      }
      if (random.nextInt(5) > 0) {
        md.put("price", random.nextInt(100) / 10.0);
      }
      if (random.nextInt(5) > 0) {
        md.put("active", random.nextBoolean());
      }
      List<String> tags = TAGS.stream().filter(t -> random.nextBoolean()).toList();
      if (!tags.isEmpty()) {
        md.put("tags", tags);
      }
      docs.add(new Document("d" + i, "document " + i, md));
    }
    store = QuarryVectorStore.builder(dir.resolve("store")).build();
    store.add(docs);
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void quarrySelectsWhatSpringAiMeans() {
    RandomCases.check(
        "quarrySelectsWhatSpringAiMeans",
        300,
        gen -> expression(gen, 0),
        expression -> {
          Set<String> expected =
              docs.stream()
                  .filter(d -> matches(expression, d.getMetadata()))
                  .map(Document::getId)
                  .collect(Collectors.toCollection(TreeSet::new));
          assertThat(selected(expression)).as("%s", expression).isEqualTo(expected);
          String text = text(expression);
          assertThat(selected(new FilterExpressionTextParser().parse(text)))
              .as(text)
              .isEqualTo(expected);
        });
  }

  private static Set<String> selected(Expression expression) {
    Quarry quarry = (Quarry) store.getNativeClient().orElseThrow();
    var c = quarry.collection();
    return new TreeSet<>(
        c.lucene()
            .idsMatching(
                new FilterCompiler(c.fields(), c.lucene().analyzer())
                    .compile(FilterTranslator.translate(expression))));
  }

  /** A comparison half the time, else AND, OR (a quarter) or NOT (a quarter) of expressions. */
  private static Expression expression(Gen gen, int depth) {
    int kind = depth == MAX_DEPTH ? 0 : gen.random().nextInt(4);
    return switch (kind) {
      case 0, 1 -> comparison(gen);
      case 2 ->
          new Expression(
              gen.pick(List.of(ExpressionType.AND, ExpressionType.OR)),
              expression(gen, depth + 1),
              expression(gen, depth + 1));
      default -> new Expression(ExpressionType.NOT, expression(gen, depth + 1));
    };
  }

  private static Expression comparison(Gen gen) {
    return gen.oneOf(
        g -> compare(g.pick(EQUALITY), "country", g.pick(COUNTRIES)),
        g -> compare(g.pick(EQUALITY), "tags", g.pick(TAGS)),
        g -> compare(g.pick(EQUALITY), "active", g.bool()),
        g -> compare(g.pick(ALL), "year", year(g)),
        g -> compare(g.pick(ALL), "year", (long) year(g)),
        g -> compare(g.pick(ALL), "price", g.ints(-5, 105) / 10.0),
        g -> compare(g.pick(SET), "country", g.list(1, 3, h -> h.pick(COUNTRIES))),
        g -> compare(g.pick(SET), "tags", g.list(1, 2, h -> h.pick(TAGS))),
        g -> compare(g.pick(SET), "year", g.list(1, 4, FilterTranslationProperties::year)),
        // A key no document has.
        g -> compare(g.pick(ALL), "missing", year(g)));
  }

  private static int year(Gen gen) {
    return gen.ints(2014, 2026);
  }

  private static Expression compare(ExpressionType type, String key, Object value) {
    return new Expression(type, new Key(key), new Value(value));
  }

  /** Direct evaluation: NE, NIN and NOT are complements, so they match a missing key. */
  private static boolean matches(Operand operand, Map<String, Object> md) {
    Expression e = (Expression) operand;
    return switch (e.type()) {
      case AND -> matches(e.left(), md) && matches(e.right(), md);
      case OR -> matches(e.left(), md) || matches(e.right(), md);
      case NOT -> !matches(e.left(), md);
      case NE -> !matches(new Expression(ExpressionType.EQ, e.left(), e.right()), md);
      case NIN -> !matches(new Expression(ExpressionType.IN, e.left(), e.right()), md);
      case IN ->
          ((List<?>) ((Value) e.right()).value())
              .stream()
                  .anyMatch(
                      v -> matches(new Expression(ExpressionType.EQ, e.left(), new Value(v)), md));
      case EQ, GT, GTE, LT, LTE -> {
        Object stored = md.get(((Key) e.left()).key());
        List<?> values =
            stored == null ? List.of() : stored instanceof List<?> l ? l : List.of(stored);
        Object wanted = ((Value) e.right()).value();
        yield values.stream().anyMatch(v -> compare(e.type(), v, wanted));
      }
    };
  }

  private static boolean compare(ExpressionType type, Object stored, Object wanted) {
    if (stored instanceof Number a && wanted instanceof Number b) {
      int c = Double.compare(a.doubleValue(), b.doubleValue());
      return switch (type) {
        case EQ -> c == 0;
        case GT -> c > 0;
        case GTE -> c >= 0;
        case LT -> c < 0;
        case LTE -> c <= 0;
        default -> throw new IllegalArgumentException(type.toString());
      };
    }
    return type == ExpressionType.EQ && stored.equals(wanted);
  }

  /** Spring AI's text form, fully parenthesized. */
  private static String text(Operand operand) {
    Expression e = (Expression) operand;
    String key = e.left() instanceof Key k ? k.key() : null;
    return switch (e.type()) {
      case AND -> "(" + text(e.left()) + " && " + text(e.right()) + ")";
      case OR -> "(" + text(e.left()) + " || " + text(e.right()) + ")";
      // Spring AI's grammar gives NOT the lowest precedence: "NOT (a) && b" is NOT (a && b).
      case NOT -> "(NOT (" + text(e.left()) + "))";
      case IN, NIN ->
          key
              + (e.type() == ExpressionType.IN ? " IN [" : " NIN [")
              + ((List<?>) ((Value) e.right()).value())
                  .stream()
                      .map(FilterTranslationProperties::literal)
                      .collect(Collectors.joining(", "))
              + "]";
      case EQ -> key + " == " + literal(((Value) e.right()).value());
      case NE -> key + " != " + literal(((Value) e.right()).value());
      case GT -> key + " > " + literal(((Value) e.right()).value());
      case GTE -> key + " >= " + literal(((Value) e.right()).value());
      case LT -> key + " < " + literal(((Value) e.right()).value());
      case LTE -> key + " <= " + literal(((Value) e.right()).value());
    };
  }

  private static String literal(Object v) {
    return switch (v) {
      case String s -> "'" + s + "'";
      case Long l -> l + "L";
      case Double d -> {
        String s = BigDecimal.valueOf(d).toPlainString();
        yield s.contains(".") ? s : s + ".0";
      }
      default -> String.valueOf(v);
    };
  }
}
