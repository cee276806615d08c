package dev.quarry.engine.ingest;

import dev.quarry.core.QuarryException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The type of a text column's values (CSV, TSV): declared with {@code --types}, or inferred from
 * every value of the column. Parsing goes through {@link Values}, as for JSON lines.
 */
public enum ValueType {
  INTEGER("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  DATE("date"),
  KEYWORD("keyword");

  private final String id;

  ValueType(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The value of {@code raw} as this type, or null when it is not one. */
  Object parse(String raw) {
    return switch (this) {
      case INTEGER -> Values.number(raw) instanceof Long l ? l : null;
      case NUMBER -> Values.number(raw) instanceof Number n ? (Object) n.doubleValue() : null;
      case BOOLEAN -> Values.bool(raw);
      case DATE -> Values.date(raw);
      case KEYWORD -> raw;
    };
  }

  public static ValueType parseName(String name) {
    for (ValueType t : values()) {
      if (t.id.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw QuarryException.invalid(
        "unknown type '" + name + "': use integer, number, boolean, date or keyword");
  }

  /** {@code price=number,released=date} to a map; a usage error names what is wrong. */
  public static Map<String, ValueType> parseDeclarations(Iterable<String> declarations) {
    Map<String, ValueType> out = new LinkedHashMap<>();
    for (String d : declarations) {
      int eq = d.indexOf('=');
      if (eq <= 0 || eq == d.length() - 1) {
        throw QuarryException.invalid(
            "--types: expected COLUMN=TYPE (e.g. price=number), got '" + d + "'");
      }
      out.put(d.substring(0, eq).trim(), parseName(d.substring(eq + 1)));
    }
    return out;
  }

  /**
   * Infers a column's type from its values: the first of integer, number, boolean and date that
   * every non-empty value parses as, else keyword.
   */
  static final class Inference {
    private final Set<ValueType> possible = EnumSet.of(INTEGER, NUMBER, BOOLEAN, DATE);
    private long seen;

    void add(String raw) {
      if (raw == null || raw.isEmpty()) {
        return;
      }
      seen++;
      possible.removeIf(t -> t.parse(raw) == null);
    }

    /** The inferred type, or null when the column held no value. */
    ValueType result() {
      return seen == 0 ? null : possible.stream().findFirst().orElse(KEYWORD);
    }
  }
}
