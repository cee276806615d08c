package dev.quarry.springai;

import dev.quarry.core.QuarryException;
import dev.quarry.query.filter.Filter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.Group;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Operand;
import org.springframework.ai.vectorstore.filter.Filter.Value;

/**
 * Spring AI's filter expression tree (from the text form or {@code FilterExpressionBuilder}) to
 * Quarry's {@link Filter}. Every operator of Spring AI 1.1 is translated; anything else (an operand
 * of the wrong kind, a null or unsupported value) is an error, never dropped.
 *
 * <p>Semantics are Quarry's (docs/query.md): {@code NE}, {@code NIN} and {@code NOT} are set
 * complements, so they also match documents that lack the key; ordering operators compare numbers,
 * dates, or strings by code point. Integer values become {@code Long}, {@code Float} becomes {@code
 * Double} (as stored).
 */
public final class FilterTranslator {
  private FilterTranslator() {}

  /** The Quarry filter for a Spring AI expression. */
  public static Filter translate(Expression expression) {
    if (expression == null) {
      throw QuarryException.invalid("filter expression is null");
    }
    return switch (expression.type()) {
      case AND -> new Filter.And(List.of(operand(expression.left()), operand(expression.right())));
      case OR -> new Filter.Or(List.of(operand(expression.left()), operand(expression.right())));
      case NOT -> {
        if (expression.right() != null) {
          throw QuarryException.invalid("filter: NOT takes one operand, got two: " + expression);
        }
        yield Filter.not(operand(expression.left()));
      }
      case EQ -> Filter.eq(key(expression), scalar(expression));
      case NE -> Filter.ne(key(expression), scalar(expression));
      case GT -> Filter.gt(key(expression), scalar(expression));
      case GTE -> Filter.gte(key(expression), scalar(expression));
      case LT -> Filter.lt(key(expression), scalar(expression));
      case LTE -> Filter.lte(key(expression), scalar(expression));
      case IN -> Filter.in(key(expression), list(expression));
      case NIN -> Filter.not(Filter.in(key(expression), list(expression)));
    };
  }

  /** A boolean operand: an expression or a parenthesized group. */
  private static Filter operand(Operand operand) {
    return switch (operand) {
      case Expression e -> translate(e);
      case Group g -> translate(g.content());
      case null -> throw QuarryException.invalid("filter: a boolean operand is missing");
      default ->
          throw QuarryException.invalid(
              "filter: expected an expression or a group, got "
                  + operand
                  + " (AND/OR/NOT join"
                  + " comparisons)");
    };
  }

  private static String key(Expression e) {
    if (!(e.left() instanceof Key k) || k.key() == null) {
      throw QuarryException.invalid(
          "filter: " + e.type() + " needs a metadata key on its left, got " + e.left());
    }
    String key = k.key().strip();
    // The text form allows quoted keys ('my key' == 1); Spring AI's own converters unquote them.
    if (key.length() >= 2
        && (key.startsWith("\"") && key.endsWith("\"")
            || key.startsWith("'") && key.endsWith("'"))) {
      key = key.substring(1, key.length() - 1);
    }
    return key;
  }

  private static Object scalar(Expression e) {
    Object v = value(e);
    if (v instanceof List<?>) {
      throw QuarryException.invalid(
          "filter: " + e.type() + " compares with one value, got the list " + v + "; use IN");
    }
    return value(e, v);
  }

  private static List<Object> list(Expression e) {
    Object v = value(e);
    List<?> raw = v instanceof List<?> l ? l : List.of(v);
    if (raw.isEmpty()) {
      throw QuarryException.invalid("filter: " + e.type() + " needs at least one value");
    }
    List<Object> out = new ArrayList<>(raw.size());
    raw.forEach(x -> out.add(value(e, x)));
    return out;
  }

  private static Object value(Expression e) {
    if (!(e.right() instanceof Value value)) {
      throw QuarryException.invalid(
          "filter: " + e.type() + " needs a value on its right, got " + e.right());
    }
    return value.value();
  }

  /** A Spring AI constant as a Quarry filter value. */
  private static Object value(Expression e, Object v) {
    return switch (v) {
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Integer i -> (long) i;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case Double d -> d;
      case Float f -> (double) f;
      case Instant t -> t;
      case LocalDate d -> d;
      case Date d -> d.toInstant();
      case null -> throw QuarryException.invalid("filter: " + e.type() + " has a null value");
      default ->
          throw QuarryException.invalid(
              "filter: "
                  + e.type()
                  + " has the value "
                  + v
                  + " ("
                  + v.getClass().getName()
                  + "); use a string, number, boolean or date");
    };
  }
}
