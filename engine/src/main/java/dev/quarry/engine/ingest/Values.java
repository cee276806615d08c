package dev.quarry.engine.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typing of input values, shared by every reader: text to numbers, booleans and dates, and nested
 * values (JSON objects, YAML maps) to flat metadata.
 */
final class Values {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private Values() {}

  /** An ISO date or date-time, or null when {@code s} is neither. */
  static Object date(String s) {
    String t = s.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t);
      }
      if (t.endsWith("Z")) {
        return Instant.parse(t);
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A decimal number as written in JSON: a {@code Long} when it has neither fraction nor exponent
   * and fits, else a {@code Double}; null when {@code s} is not a number. Leading zeros ({@code
   * 02139}) are not numbers: such values are codes.
   */
  static Object number(String s) {
    String t = s.trim();
    if (INTEGER.matcher(t).matches()) {
      return Long.parseLong(t);
    }
    if (NUMBER.matcher(t).matches()) {
      double d = Double.parseDouble(t);
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }

  /** {@code true} or {@code false} in any case, else null. */
  static Boolean bool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /**
   * Adds {@code value} to {@code out} under {@code key}: scalars as they are, maps under dotted
   * names ({@code a.b}), lists of scalars as multi-valued fields. A field holds one type, so a list
   * that mixes integers and fractions becomes fractions, and one that mixes other types becomes
   * text. Nulls and lists of nothing but nested values add nothing.
   */
  static void flatten(String key, Object value, Map<String, Object> out) {
    switch (value) {
      case null -> {}
      case Map<?, ?> map -> map.forEach((k, v) -> flatten(key + "." + k, v, out));
      case List<?> list -> {
        List<Object> scalars = new ArrayList<>();
        for (Object item : list) {
          if (item != null && !(item instanceof Map<?, ?>) && !(item instanceof List<?>)) {
            scalars.add(item);
          }
        }
        if (!scalars.isEmpty()) {
          out.put(key, oneType(scalars));
        }
      }
      default -> out.put(key, value);
    }
  }

  private static List<Object> oneType(List<Object> values) {
    if (values.stream().map(Object::getClass).distinct().count() == 1) {
      return values;
    }
    if (values.stream().allMatch(v -> v instanceof Long || v instanceof Double)) {
      return values.stream().map(v -> (Object) ((Number) v).doubleValue()).toList();
    }
    return values.stream().map(v -> (Object) v.toString()).toList();
  }
}
