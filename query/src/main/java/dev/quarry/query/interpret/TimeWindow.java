package dev.quarry.query.interpret;

import dev.quarry.core.QuarryException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A span written in the query ("yesterday", "the last 3 days", "last month"), counted back from the
 * as-of day in whole units: it opens at the start of the {@code unit} {@code back} units before the
 * one holding the as-of day and lasts {@code length} units, up to the as-of day's unit at most; the
 * as-of bound closes it at as-of. Days are UTC days, as for a date written without a time and for
 * {@code after:}/{@code before:} (docs/query.md); weeks open on Monday (ISO 8601), months on their
 * first day.
 *
 * @param evidence the words that write it, as the query has them
 * @param unit what it is counted in
 * @param back how many units before the as-of day's unit it opens
 * @param length how many units it lasts
 */
public record TimeWindow(String evidence, Unit unit, int back, int length) {
  /** The units a window is counted in: a calendar day, week or month. */
  public enum Unit {
    DAY,
    WEEK,
    MONTH
  }

  public TimeWindow {
    if (unit == null) {
      throw QuarryException.invalid("time window: give its unit (day, week or month)");
    }
    if (back < 0 || length < 1 || length > back + 1) {
      throw QuarryException.invalid(
          "time window: it must last a day or more and end by the as-of day, got "
              + back
              + " "
              + unit.name().toLowerCase(Locale.ROOT)
              + "s back for "
              + length);
    }
  }

  /** A span of whole days: {@code days} days from {@code daysBack} days before the as-of day. */
  public TimeWindow(String evidence, int daysBack, int days) {
    this(evidence, Unit.DAY, daysBack, days);
  }

  /** Its first instant for the reference time {@code asOf}. */
  public Instant from(Instant asOf) {
    return first(asOf).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The instant after it (exclusive) for the reference time {@code asOf}. */
  public Instant until(Instant asOf) {
    return plus(first(asOf), length).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Its days for {@code asOf}, as explain prints them: "2026-12-06" or "2026-12-04 to 2026-12-07".
   */
  public String days(Instant asOf) {
    LocalDate first = first(asOf);
    LocalDate last = plus(first, length).minusDays(1);
    return first.equals(last) ? first.toString() : first + " to " + last;
  }

  private LocalDate first(Instant asOf) {
    LocalDate day = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    LocalDate unitStart =
        switch (unit) {
          case DAY -> day;
          case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> day.withDayOfMonth(1);
        };
    return plus(unitStart, -back);
  }

  private LocalDate plus(LocalDate d, int units) {
    return switch (unit) {
      case DAY -> d.plusDays(units);
      case WEEK -> d.plusWeeks(units);
      case MONTH -> d.plusMonths(units);
    };
  }
}
