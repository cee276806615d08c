package dev.quarry.query.interpret;

import dev.quarry.core.QuarryException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A span of whole days written in the query ("yesterday", "the last 3 days"), counted back from the
 * as-of day: it opens at the start of the day {@code daysBack} days before the as-of day and lasts
 * {@code days} days, the as-of day at most; the as-of bound closes it at as-of. Days are UTC days,
 * as for a date written without a time and for {@code after:}/{@code before:} (docs/query.md).
 *
 * @param evidence the words that write it, as the query has them
 * @param daysBack how many days before the as-of day it opens
 * @param days how many days it lasts
 */
public record TimeWindow(String evidence, int daysBack, int days) {
  public TimeWindow {
    if (daysBack < 0 || days < 1 || days > daysBack + 1) {
      throw QuarryException.invalid(
          "time window: it must last a day or more and end by the as-of day, got "
              + daysBack
              + " days back for "
              + days
              + " days");
    }
  }

  /** Its first instant for the reference time {@code asOf}. */
  public Instant from(Instant asOf) {
    return day(asOf).minusDays(daysBack).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The instant after it (exclusive) for the reference time {@code asOf}. */
  public Instant until(Instant asOf) {
    return day(asOf).minusDays(daysBack).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Its days for {@code asOf}, as explain prints them: "2026-12-06" or "2026-12-04 to 2026-12-07".
   */
  public String days(Instant asOf) {
    LocalDate first = day(from(asOf));
    LocalDate last = day(until(asOf)).minusDays(1);
    return first.equals(last) ? first.toString() : first + " to " + last;
  }

  private static LocalDate day(Instant asOf) {
    return LocalDate.ofInstant(asOf, ZoneOffset.UTC);
  }
}
