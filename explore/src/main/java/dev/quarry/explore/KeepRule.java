package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/** Which document of a near-duplicate group stays when the others are deleted. */
public enum KeepRule {
  /** The earliest date in the date field. */
  OLDEST,
  /** The latest date in the date field. */
  NEWEST,
  /** The longest text. */
  LONGEST;

  /**
   * The one to keep; ties go to the smallest id. A document without a date loses to any with one.
   */
  public Document pick(List<Document> group, String dateField) {
    Comparator<Document> byId = Comparator.comparing(Document::id);
    Comparator<Document> order =
        switch (this) {
          case LONGEST ->
              Comparator.comparingInt((Document d) -> d.text() == null ? 0 : d.text().length())
                  .reversed();
          case OLDEST ->
              Comparator.comparing(
                  (Document d) -> date(d, dateField),
                  Comparator.nullsLast(Comparator.naturalOrder()));
          case NEWEST ->
              Comparator.comparing(
                  (Document d) -> date(d, dateField),
                  Comparator.nullsLast(Comparator.reverseOrder()));
        };
    return group.stream().min(order.thenComparing(byId)).orElseThrow();
  }

  private static Instant date(Document d, String field) {
    Object v = d.first(field);
    if (v instanceof Instant t) {
      return t;
    }
    try {
      return v == null
          ? null
          : LocalDate.parse(v.toString()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null; // not a date: ranks as undated
    }
  }

  /** Parses oldest, newest or longest. */
  public static KeepRule parse(String value) {
    try {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw QuarryException.invalid(
          "unknown keep rule '" + value + "': use oldest, newest or longest");
    }
  }
}
