package dev.quarry.query.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.testing.Chars;
import dev.quarry.testing.Gen;
import dev.quarry.testing.RandomCases;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter parser on valid, random and mutated input: valid filters round-trip; anything else
 * fails with a clean, located parse error, never another exception, never a hang. Seeded: the seed
 * is printed and named in any failure; re-run it with {@code -Dquarry.seed=N}. {@link
 * FilterParserFuzzTest} explores the same contract with coverage guidance.
 */
class FilterParserProperties {
  private static final List<String> KEYWORDS =
      List.of("and", "or", "not", "in", "exists", "text", "true", "false");
  private static final List<String> NOISE_TOKENS =
      List.of(
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
          " ");
  private static final String EDIT_ALPHABET = "()[],=!<>\"' aANDorNOTin.-0123456789xyz";

  @Test
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

  @Test
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

  @Test
  void validFiltersRoundTrip() {
    RandomCases.check(
        "validFiltersRoundTrip",
        3000,
        FilterParserProperties::filter,
        f -> assertThat(FilterParser.parse(FilterText.format(f))).isEqualTo(normalize(f)));
  }

  /** A valid filter and 1..4 edits, each an (operation, position, character) triple of any ints. */
  record Mutation(Filter filter, List<List<Integer>> edits) {}

  @Test
  void mutatedFiltersParseOrFailCleanly() {
    RandomCases.check(
        "mutatedFiltersParseOrFailCleanly",
        4000,
        gen ->
            new Mutation(filter(gen), gen.list(1, 4, g -> List.of(g.ints(), g.ints(), g.ints()))),
        m -> parseCleanly(mutated(FilterText.format(m.filter()), m.edits())));
  }

  @Test
  void randomStringsParseOrFailCleanly() {
    RandomCases.check(
        "randomStringsParseOrFailCleanly",
        4000,
        gen ->
            gen.oneOf(
                g -> String.join(" ", g.list(0, 20, h -> h.pick(NOISE_TOKENS))),
                g -> g.string(0, 40, Chars.ANY)),
        FilterParserProperties::parseCleanly);
  }

  @Test
  void deepNestingFailsCleanlyInsteadOfOverflowing() {
    parseCleanly("(".repeat(100_000) + "a = 1" + ")".repeat(100_000));
    parseCleanly("NOT ".repeat(100_000) + "a = 1");
  }

  private static String mutated(String formatted, List<List<Integer>> edits) {
    StringBuilder text = new StringBuilder(formatted);
    for (List<Integer> e : edits) {
      int at = text.isEmpty() ? 0 : Math.floorMod(e.get(1), text.length() + 1);
      char c = EDIT_ALPHABET.charAt(Math.floorMod(e.get(2), EDIT_ALPHABET.length()));
      switch (Math.floorMod(e.get(0), 3)) {
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
    return text.toString();
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

  private static Filter filter(Gen gen) {
    return filter(gen, 3);
  }

  /** Leaves three times as often as each of And, Or and Not; nesting up to {@code depth}. */
  private static Filter filter(Gen gen, int depth) {
    int kind = depth == 0 ? 0 : gen.random().nextInt(6);
    return switch (kind) {
      case 0, 1, 2 -> leaf(gen);
      case 3 -> new Filter.And(gen.list(2, 3, g -> filter(g, depth - 1)));
      case 4 -> new Filter.Or(gen.list(2, 3, g -> filter(g, depth - 1)));
      default -> new Filter.Not(filter(gen, depth - 1));
    };
  }

  private static Filter leaf(Gen gen) {
    return gen.oneOf(
        g -> new Filter.Compare(field(g), g.pick(Filter.Op.class), value(g)),
        g -> new Filter.In(field(g), g.list(1, 3, FilterParserProperties::value)),
        g -> new Filter.Exists(field(g)),
        g -> new Filter.Contains(field(g), g.string(0, 8, Chars.ANY)),
        g -> new Filter.TextContains(g.string(1, 10, Chars.ANY, s -> !s.isBlank())));
  }

  private static String field(Gen gen) {
    return gen.string(1, 6, Chars.ALPHA, s -> !KEYWORDS.contains(s.toLowerCase()));
  }

  private static Object value(Gen gen) {
    return gen.oneOf(
        g -> g.string(0, 8, Chars.ANY),
        Gen::longs,
        g -> g.doubles(-1e6, 1e6),
        Gen::bool,
        g -> LocalDate.of(2000, 1, 1).plusDays(g.ints(0, 20000)));
  }
}
