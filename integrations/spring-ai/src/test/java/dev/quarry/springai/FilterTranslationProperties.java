package dev.quarry.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.query.filter.FilterCompiler;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
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
 * the same expression selects the same documents. jqwik prints the seed of a failing run.
 */
class FilterTranslationProperties {
  private static final List<String> COUNTRIES = List.of("BG", "NL", "US");
  private static final List<String> TAGS = List.of("a", "b", "c");
  private static Path dir;
  private static QuarryVectorStore store;
  private static List<Document> docs;

  @BeforeContainer
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

  @AfterContainer
  static void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(tries = 300)
  void quarrySelectsWhatSpringAiMeans(@ForAll("expressions") Expression expression) {
    Set<String> expected =
        docs.stream()
            .filter(d -> matches(expression, d.getMetadata()))
            .map(Document::getId)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(selected(expression)).as("%s", expression).isEqualTo(expected);
    String text = text(expression);
    assertThat(selected(new FilterExpressionTextParser().parse(text))).as(text).isEqualTo(expected);
  }

  private static Set<String> selected(Expression expression) {
    Quarry quarry = (Quarry) store.getNativeClient().orElseThrow();
    var c = quarry.collection();
    return new TreeSet<>(
        c.idsMatching(
            new FilterCompiler(c.fields(), c.analyzer())
                .compile(FilterTranslator.translate(expression))));
  }

  @Provide
  Arbitrary<Expression> expressions() {
    return Arbitraries.lazyOf(
        FilterTranslationProperties::comparison,
        FilterTranslationProperties::comparison,
        () ->
            Combinators.combine(
                    Arbitraries.of(ExpressionType.AND, ExpressionType.OR),
                    expressions(),
                    expressions())
                .as((type, l, r) -> new Expression(type, l, r)),
        () -> expressions().map(e -> new Expression(ExpressionType.NOT, e)));
  }

  private static Arbitrary<Expression> comparison() {
    Arbitrary<ExpressionType> equality = Arbitraries.of(ExpressionType.EQ, ExpressionType.NE);
    Arbitrary<ExpressionType> all =
        Arbitraries.of(
            ExpressionType.EQ,
            ExpressionType.NE,
            ExpressionType.GT,
            ExpressionType.GTE,
            ExpressionType.LT,
            ExpressionType.LTE);
    Arbitrary<ExpressionType> set = Arbitraries.of(ExpressionType.IN, ExpressionType.NIN);
    Arbitrary<String> country = Arbitraries.of(COUNTRIES);
    Arbitrary<String> tag = Arbitraries.of(TAGS);
    Arbitrary<Integer> year = Arbitraries.integers().between(2014, 2026);
    Arbitrary<Double> price = Arbitraries.integers().between(-5, 105).map(i -> i / 10.0);
    return Arbitraries.oneOf(
        Combinators.combine(equality, country).as((t, v) -> compare(t, "country", v)),
        Combinators.combine(equality, tag).as((t, v) -> compare(t, "tags", v)),
        Combinators.combine(equality, Arbitraries.of(true, false))
            .as((t, v) -> compare(t, "active", v)),
        Combinators.combine(all, year).as((t, v) -> compare(t, "year", v)),
        Combinators.combine(all, year.map(Integer::longValue)).as((t, v) -> compare(t, "year", v)),
        Combinators.combine(all, price).as((t, v) -> compare(t, "price", v)),
        Combinators.combine(set, country.list().ofMinSize(1).ofMaxSize(3))
            .as((t, v) -> compare(t, "country", v)),
        Combinators.combine(set, tag.list().ofMinSize(1).ofMaxSize(2))
            .as((t, v) -> compare(t, "tags", v)),
        Combinators.combine(set, year.list().ofMinSize(1).ofMaxSize(4))
            .as((t, v) -> compare(t, "year", v)),
        // A key no document has.
        Combinators.combine(all, year).as((t, v) -> compare(t, "missing", v)));
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
