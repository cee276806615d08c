package dev.quarry.query.interpret;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Filters written in the query text.
 *
 * @param fields {@code field:value} equality filters
 * @param excluded {@code -term} and {@code -"phrase"}: documents containing them are removed
 * @param after {@code after:DATE}, or null
 * @param before {@code before:DATE}, or null
 * @param window a span of days the words name ("yesterday", "the past 3 days"), if any
 */
public record TextFilters(
    Map<String, String> fields,
    List<String> excluded,
    LocalDate after,
    LocalDate before,
    Optional<TimeWindow> window) {
  public TextFilters {
    fields = Map.copyOf(fields);
    excluded = List.copyOf(excluded);
  }
}
