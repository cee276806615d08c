package dev.quarry.query.filter;

import dev.quarry.core.QuarryException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the filter language (docs/query.md):
 *
 * <pre>
 * expr    := and (OR and)*
 * and     := unary (AND unary)*
 * unary   := NOT unary | primary
 * primary := '(' expr ')' | EXISTS '(' field ')' | TEXT CONTAINS string
 *          | field op value | field IN '[' value (',' value)* ']'
 * op      := '=' | '!=' | '<' | '<=' | '>' | '>='
 * value   := string | number | TRUE | FALSE | date (YYYY-MM-DD)
 * </pre>
 *
 * Keywords are case-insensitive. Errors name the 1-based column and what was expected. Linear time;
 * nesting is capped so that hostile input cannot overflow the stack.
 */
public final class FilterParser {
  private static final int MAX_DEPTH = 64;

  private final String src;
  private int pos;
  private int depth;

  private FilterParser(String src) {
    this.src = src;
  }

  public static Filter parse(String text) {
    if (text == null || text.isBlank()) {
      throw QuarryException.invalid("filter is empty");
    }
    FilterParser p = new FilterParser(text);
    Filter f = p.expr();
    p.skipSpace();
    if (p.pos < p.src.length()) {
      throw p.error("AND, OR or the end of the filter");
    }
    return f;
  }

  private Filter expr() {
    if (++depth > MAX_DEPTH) {
      throw error("less nesting (at most " + MAX_DEPTH + " levels)");
    }
    List<Filter> any = new ArrayList<>();
    any.add(and());
    while (keyword("or")) {
      any.add(and());
    }
    depth--;
    return any.size() == 1 ? any.get(0) : new Filter.Or(any);
  }

  private Filter and() {
    List<Filter> all = new ArrayList<>();
    all.add(unary());
    while (keyword("and")) {
      all.add(unary());
    }
    return all.size() == 1 ? all.get(0) : new Filter.And(all);
  }

  private Filter unary() {
    if (keyword("not")) {
      if (++depth > MAX_DEPTH) {
        throw error("less nesting (at most " + MAX_DEPTH + " levels)");
      }
      Filter inner = unary();
      depth--;
      return new Filter.Not(inner);
    }
    return primary();
  }

  private Filter primary() {
    skipSpace();
    if (symbol("(")) {
      Filter inner = expr();
      expectSymbol(")");
      return inner;
    }
    int start = pos;
    if (keyword("exists")) {
      if (symbol("(")) {
        String field = field();
        expectSymbol(")");
        return new Filter.Exists(field);
      }
      pos = start; // a field named "exists"
    }
    if (keyword("text")) {
      if (keyword("contains")) {
        skipSpace();
        if (pos >= src.length() || (src.charAt(pos) != '"' && src.charAt(pos) != '\'')) {
          throw error("a quoted phrase after 'contains'");
        }
        String phrase = string();
        if (phrase.isBlank()) {
          throw error("a non-empty phrase");
        }
        return new Filter.TextContains(phrase);
      }
      pos = start; // a metadata field named "text"
    }
    String field = field();
    if (keyword("contains")) {
      skipSpace();
      if (pos >= src.length() || (src.charAt(pos) != '"' && src.charAt(pos) != '\'')) {
        throw error("a quoted string after 'contains'");
      }
      return new Filter.Contains(field, string());
    }
    if (keyword("in")) {
      expectSymbol("[");
      List<Object> values = new ArrayList<>();
      values.add(value());
      while (symbol(",")) {
        values.add(value());
      }
      expectSymbol("]");
      return new Filter.In(field, values);
    }
    Filter.Op op = op();
    return new Filter.Compare(field, op, value());
  }

  private Filter.Op op() {
    skipSpace();
    for (String s : List.of("!=", "<=", ">=", "=", "<", ">")) {
      if (src.startsWith(s, pos)) {
        pos += s.length();
        return switch (s) {
          case "!=" -> Filter.Op.NE;
          case "<=" -> Filter.Op.LE;
          case ">=" -> Filter.Op.GE;
          case "=" -> Filter.Op.EQ;
          case "<" -> Filter.Op.LT;
          default -> Filter.Op.GT;
        };
      }
    }
    throw error("an operator (=, !=, <, <=, >, >=), 'in' or 'contains'");
  }

  private String field() {
    skipSpace();
    int start = pos;
    if (pos < src.length() && Character.isLetter(src.charAt(pos))) {
      pos++;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || "_.-".indexOf(src.charAt(pos)) >= 0)) {
        pos++;
      }
    }
    if (start == pos) {
      throw error("a field name");
    }
    return src.substring(start, pos);
  }

  private Object value() {
    skipSpace();
    if (pos >= src.length()) {
      throw error("a value");
    }
    char c = src.charAt(pos);
    if (c == '"' || c == '\'') {
      return string();
    }
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || "-+.:_".indexOf(src.charAt(pos)) >= 0)) {
      pos++;
    }
    String word = src.substring(start, pos);
    if (word.isEmpty()) {
      throw error("a value (quoted string, number, true/false or YYYY-MM-DD date)");
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return Boolean.parseBoolean(lower);
    }
    if (word.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(word);
      } catch (DateTimeParseException e) {
        pos = start;
        throw error("a valid date, not " + word);
      }
    }
    if (word.matches("[-+]?\\d+")) {
      try {
        return Long.parseLong(word);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("an integer within 64 bits");
      }
    }
    if (word.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      double d = Double.parseDouble(word);
      if (!Double.isFinite(d)) {
        pos = start;
        throw error("a finite number");
      }
      return d;
    }
    pos = start;
    throw error("a value; quote text values, e.g. \"" + word + "\"");
  }

  private String string() {
    char quote = src.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\' && pos < src.length()) {
        c = src.charAt(pos++);
      }
      sb.append(c);
    }
    throw error("a closing " + quote);
  }

  private boolean keyword(String word) {
    skipSpace();
    int end = pos + word.length();
    if (end <= src.length()
        && src.regionMatches(true, pos, word, 0, word.length())
        && (end == src.length()
            || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
      pos = end;
      return true;
    }
    return false;
  }

  private boolean symbol(String s) {
    skipSpace();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expectSymbol(String s) {
    if (!symbol(s)) {
      throw error("'" + s + "'");
    }
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private QuarryException error(String expected) {
    String found =
        pos >= src.length()
            ? "the end of the filter"
            : "'" + src.substring(pos, Math.min(src.length(), pos + 12)) + "'";
    return QuarryException.invalid(
        "filter: at column " + (pos + 1) + ": expected " + expected + ", found " + found + hint());
  }

  /** Operators from programming languages that people type out of habit. */
  private String hint() {
    if (src.startsWith("=", pos) && pos > 0 && src.charAt(pos - 1) == '=') {
      return " (compare with a single '=')";
    }
    for (String[] habit : new String[][] {{"&&", "AND"}, {"||", "OR"}, {"!", "NOT"}}) {
      if (src.startsWith(habit[0], pos) && !src.startsWith("!=", pos)) {
        return " (write " + habit[1] + " instead of '" + habit[0] + "')";
      }
    }
    return "";
  }
}
