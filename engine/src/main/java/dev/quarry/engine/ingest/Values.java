package dev.quarry.engine.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of the date field's values: ISO dates and date-times. */
final class Values {
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
}
