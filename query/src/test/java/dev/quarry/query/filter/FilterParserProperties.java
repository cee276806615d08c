package dev.quarry.query.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The filter parser on valid, random and mutated input: valid filters round-trip; anything else
 * fails with a clean, located parse error, never another exception, never a hang. jqwik prints the
 * seed of any failure; re-run it with {@code @Property(seed = "...")}.
 */
class FilterParserProperties {

  @Example
  void parsesTheDocumentedForms() {
    Filter f =
        FilterParser.parse(
            "category = \"news\" AND (year >= 2020 OR NOT exists(draft)) AND tag in [\"a\", 'b']"
                + " and published < 2024-05-01 and not text contains \"jquery\" and score != -1.5"
                + " and name contains 'ab\\\"c'");
    assertThat(FilterText.format(f))
        .isEqualTo(
            "category = \"news\" AND (year >= 2020 OR NOT exists(draft)) AND tag in [\"a\", \"b\"]"
                + " AND published < 2024-05-01 AND NOT text contains \"jquery\" AND score != -1.5"
                + " AND name contains \"ab\\\"c\"");
    assertThat(FilterParser.parse("flag = TRUE")).isEqualTo(Filter.eq("flag", true));
    assertThat(FilterParser.parse("day = 2024-02-29"))
        .isEqualTo(Filter.eq("day", LocalDate.of(2024, 2, 29)));
  }

  @Example
  void errorsNameTheColumnAndWhatWasExpected() {
    assertThatThrownBy(() -> FilterParser.parse("year >= "))
        .hasMessage("filter: at column 9: expected a value, found the end of the filter");
    assertThatThrownBy(() -> FilterParser.parse("year => 3"))
        .hasMessageContaining("at column 7: expected a value");
    assertThatThrownBy(() -> FilterParser.parse("category = news"))
        .hasMessageContaining("at column 12: expected a value; quote text values, e.g. \"news\"");
    assertThatThrownBy(() -> FilterParser.parse("(a = 1"))
        .hasMessageContaining("at column 7: expected ')'");
    assertThatThrownBy(() -> FilterParser.parse("a = 1 b = 2"))
        .hasMessageContaining("at column 7: expected AND, OR or the end of the filter");
    assertThatThrownBy(() -> FilterParser.parse("d = 2024-02-30"))
        .hasMessageContaining("a valid date");
  }

  @Property(tries = 3000)
  void validFiltersRoundTrip(@ForAll("filters") Filter f) {
    assertThat(FilterParser.parse(FilterText.format(f))).isEqualTo(normalize(f));
  }

  @Property(tries = 4000)
  void mutatedFiltersParseOrFailCleanly(
      @ForAll("filters") Filter f, @ForAll("edits") List<int[]> edits) {
    StringBuilder text = new StringBuilder(FilterText.format(f));
    String alphabet = "()[],=!<>\"' aANDorNOTin.-0123456789xyz";
    for (int[] e : edits) {
      int at = text.isEmpty() ? 0 : Math.floorMod(e[1], text.length() + 1);
      char c = alphabet.charAt(Math.floorMod(e[2], alphabet.length()));
      switch (Math.floorMod(e[0], 3)) {
        case 0 -> text.insert(at, c);
        case 1 -> {
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
        }
        default -> {
          if (at < text.length()) {
            text.setCharAt(at, c);
          }
        }
      }
    }
    parseCleanly(text.toString());
  }

  @Property(tries = 4000)
  void randomStringsParseOrFailCleanly(@ForAll("noise") String input) {
    parseCleanly(input);
  }

  @Example
  void deepNestingFailsCleanlyInsteadOfOverflowing() {
    parseCleanly("(".repeat(100_000) + "a = 1" + ")".repeat(100_000));
    parseCleanly("NOT ".repeat(100_000) + "a = 1");
  }

  private static void parseCleanly(String input) {
    long start = System.nanoTime();
    try {
      FilterParser.parse(input);
    } catch (QuarryException e) {
      assertThat(e.kind()).isEqualTo(QuarryException.Kind.INVALID_ARGUMENT);
      assertThat(e.getMessage()).matches("(?s)filter( is empty|: at column \\d+: expected .+)");
    }
    assertThat(System.nanoTime() - start).as("parse time of %s", input).isLessThan(2_000_000_000L);
  }

  /** Single-child And/Or collapse when printed and parsed again. */
  private static Filter normalize(Filter f) {
    return switch (f) {
      case Filter.And a ->
          a.all().size() == 1
              ? normalize(a.all().get(0))
              : new Filter.And(a.all().stream().map(FilterParserProperties::normalize).toList());
      case Filter.Or o ->
          o.any().size() == 1
              ? normalize(o.any().get(0))
              : new Filter.Or(o.any().stream().map(FilterParserProperties::normalize).toList());
      case Filter.Not n -> new Filter.Not(normalize(n.filter()));
      default -> f;
    };
  }

  @Provide
  Arbitrary<List<int[]>> edits() {
    return Arbitraries.integers().array(int[].class).ofSize(3).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> tokens =
        Arbitraries.of(
                "(",
                ")",
                "[",
                "]",
                ",",
                "=",
                "!=",
                "<",
                ">=",
                "AND",
                "or",
                "NOT",
                "in",
                "exists",
                "text",
                "contains",
                "\"x\"",
                "'y",
                "12",
                "-3.5e2",
                "2024-01-01",
                "true",
                "f",
                " ")
            .list()
            .ofMaxSize(20)
            .map(l -> String.join(" ", l));
    return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<Filter> filters() {
    return filter(3);
  }

  private Arbitrary<Filter> filter(int depth) {
    Arbitrary<String> field =
        Arbitraries.strings()
            .alpha()
            .ofMinLength(1)
            .ofMaxLength(6)
            .filter(
                s ->
                    !List.of("and", "or", "not", "in", "exists", "text", "true", "false")
                        .contains(s.toLowerCase()));
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(8).map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.integers()
                .between(0, 20000)
                .map(d -> (Object) LocalDate.of(2000, 1, 1).plusDays(d)));
    Arbitrary<Filter> leaf =
        Arbitraries.oneOf(
            Combinators.combine(field, Arbitraries.of(Filter.Op.class), value)
                .as((f, op, v) -> (Filter) new Filter.Compare(f, op, v)),
            Combinators.combine(field, value.list().ofMinSize(1).ofMaxSize(3))
                .as((f, vs) -> (Filter) new Filter.In(f, vs)),
            field.map(f -> (Filter) new Filter.Exists(f)),
            Combinators.combine(field, Arbitraries.strings().ofMaxLength(8))
                .as((f, part) -> (Filter) new Filter.Contains(f, part)),
            Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(10)
                .filter(s -> !s.isBlank())
                .map(s -> (Filter) new Filter.TextContains(s)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Filter> sub = Arbitraries.lazy(() -> filter(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(
            1, sub.list().ofMinSize(2).ofMaxSize(3).map(l -> (Filter) new Filter.And(l))),
        net.jqwik.api.Tuple.of(
            1, sub.list().ofMinSize(2).ofMaxSize(3).map(l -> (Filter) new Filter.Or(l))),
        net.jqwik.api.Tuple.of(1, sub.map(f -> (Filter) new Filter.Not(f))));
  }
}
