package dev.quarry.query.filter;

import dev.quarry.core.QuarryException;
import java.util.List;

/**
 * A metadata and text filter: the Java form of the {@code --filter} language (docs/query.md). Build
 * one with the static methods ({@code Filter.eq("category", "news").and(Filter.gte("year", 2020))})
 * or parse the text form with {@link FilterParser}. Values are strings, numbers, booleans or dates
 * ({@code java.time.LocalDate}/{@code Instant}). Keyword fields compare by equality, by order (the
 * order of their UTF-8 bytes, which is Unicode code point order) and by substring ({@link
 * Contains}).
 */
public sealed interface Filter {

  /** Comparison operators. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** {@code field op value}. */
  record Compare(String field, Op op, Object value) implements Filter {}

  /** {@code field in [v1, v2, ...]}. */
  record In(String field, List<Object> values) implements Filter {
    public In {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw QuarryException.invalid("'in' needs at least one value");
      }
    }
  }

  /** {@code exists(field)}. */
  record Exists(String field) implements Filter {}

  /**
   * {@code field contains "part"}: a keyword field has a value with {@code part} in it (exact,
   * case-sensitive substring; the empty string matches every value).
   */
  record Contains(String field, String part) implements Filter {}

  /** {@code text contains "phrase"}: the phrase in the title or the text. */
  record TextContains(String phrase) implements Filter {}

  record And(List<Filter> all) implements Filter {
    public And {
      all = List.copyOf(all);
    }
  }

  record Or(List<Filter> any) implements Filter {
    public Or {
      any = List.copyOf(any);
    }
  }

  record Not(Filter filter) implements Filter {}

  static Filter eq(String field, Object value) {
    return new Compare(field, Op.EQ, value);
  }

  static Filter ne(String field, Object value) {
    return new Compare(field, Op.NE, value);
  }

  static Filter lt(String field, Object value) {
    return new Compare(field, Op.LT, value);
  }

  static Filter lte(String field, Object value) {
    return new Compare(field, Op.LE, value);
  }

  static Filter gt(String field, Object value) {
    return new Compare(field, Op.GT, value);
  }

  static Filter gte(String field, Object value) {
    return new Compare(field, Op.GE, value);
  }

  static Filter in(String field, List<?> values) {
    return new In(field, List.copyOf(values));
  }

  static Filter exists(String field) {
    return new Exists(field);
  }

  static Filter contains(String field, String part) {
    return new Contains(field, part);
  }

  static Filter textContains(String phrase) {
    return new TextContains(phrase);
  }

  static Filter not(Filter filter) {
    return new Not(filter);
  }

  default Filter and(Filter other) {
    return new And(List.of(this, other));
  }

  default Filter or(Filter other) {
    return new Or(List.of(this, other));
  }
}
