package dev.quarry.engine.ingest;

import dev.quarry.core.QuarryException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
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
   * every non-empty value parses as, else keyword. For a keyword column whose values were mostly of
   * one type, it keeps the first value that was not, for the summary.
   */
  static final class Inference {
    private static final List<ValueType> CANDIDATES = List.of(INTEGER, NUMBER, BOOLEAN, DATE);
    private final Set<ValueType> possible = EnumSet.copyOf(CANDIDATES);
    private final Map<ValueType, Long> matched = new EnumMap<>(ValueType.class);
    private final Map<ValueType, String> firstMisfit = new EnumMap<>(ValueType.class);
    private long seen;

    void add(String raw) {
      if (raw == null || raw.isEmpty()) {
        return;
      }
      seen++;
      for (ValueType t : CANDIDATES) {
        if (t.parse(raw) != null) {
          matched.merge(t, 1L, Long::sum);
        } else if (possible.remove(t)) {
          firstMisfit.put(t, raw);
        }
      }
    }

    /** The inferred type, or null when the column held no value. */
    ValueType result() {
      return seen == 0 ? null : possible.stream().findFirst().orElse(KEYWORD);
    }

    /**
     * Why a column that was mostly of one type is keyword ({@code 41 of 42 values are number; not
     * 'n/a'}), or null.
     */
    String why() {
      if (result() != KEYWORD) {
        return null;
      }
      return CANDIDATES.stream()
          .filter(t -> matched.getOrDefault(t, 0L) * 2 > seen)
          .findFirst()
          .map(
              t ->
                  matched.get(t)
                      + " of "
                      + seen
                      + " values are "
                      + t.id()
                      + "; not '"
                      + firstMisfit.get(t)
                      + "'")
          .orElse(null);
    }
  }
}
