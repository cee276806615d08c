package dev.quarry.query.interpret;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a recency cue that names whole days as a {@link TimeWindow}: "today", "tonight", "this
 * morning", "yesterday", "last night", "the last/past N days" or "weeks", "the past week", "N days"
 * or "weeks ago". A calendar period over ("last week", "last month") is a window only in the
 * asker's own records ("how much did we spend last month", decision 0187); elsewhere, and a period
 * still running ("this week", "this year") everywhere, it is left to the decay (decision 0184):
 * news speaks of "this week" for events whose reports are often older than seven days, and a
 * calendar week cut at Monday would drop them.
 */
final class EnglishWindows {
  /** How many days or weeks ago, as "N days ago" writes it; {@link #count} reads it. */
  static final String AGO_COUNT = "\\d{1,2}|a|one|two|three|four|five|six|a few|a couple of";

  private static final Pattern SPAN =
      Pattern.compile(
          "(today|tonight|this morning)|(yesterday)|(last night)|(past week)"
              + "|(?:last|past) (\\d{1,2}|two|three|few|couple(?: of)?|several) (days|weeks)"
              + "|("
              + AGO_COUNT
              + ") (days?|weeks?) ago",
          Pattern.CASE_INSENSITIVE);

  /**
   * A calendar period over, as a window of the asker's own records. A period still running ("this
   * week", "this month") is no window: on a Tuesday "this week" is two days, and the note the asker
   * means may be from last Friday; the decay ranks it (decision 0187).
   */
  private static final Pattern PERIOD =
      Pattern.compile("last (week|month)", Pattern.CASE_INSENSITIVE);

  private EnglishWindows() {}

  /**
   * The window {@code cue} writes, if it writes one. In the asker's own records ({@code personal}:
   * "what did I cook yesterday") a record is dated the day it tells of, so the window is those
   * days; elsewhere the days name an event, and what is written about it follows it ("what did the
   * mayor say yesterday", "the train that derailed two weeks ago: which chemical …"), so the window
   * runs on to as-of.
   */
  static Optional<TimeWindow> read(String cue, boolean personal) {
    if (personal) {
      return days(cue).or(() -> period(cue));
    }
    return days(cue).map(w -> new TimeWindow(w.evidence(), w.back(), w.back() + 1));
  }

  /** "Last week" is the calendar week before this one, "last month" the month before. */
  private static Optional<TimeWindow> period(String cue) {
    Matcher m = PERIOD.matcher(cue);
    if (!m.matches()) {
      return Optional.empty();
    }
    TimeWindow.Unit unit = TimeWindow.Unit.valueOf(m.group(1).toUpperCase(Locale.ROOT));
    return Optional.of(new TimeWindow(cue, unit, 1, 1));
  }

  /** The days the cue names. */
  private static Optional<TimeWindow> days(String cue) {
    Matcher m = SPAN.matcher(cue);
    if (!m.matches()) {
      return Optional.empty();
    }
    if (m.group(1) != null) {
      return Optional.of(new TimeWindow(cue, 0, 1));
    }
    if (m.group(2) != null) {
      return Optional.of(new TimeWindow(cue, 1, 1));
    }
    if (m.group(3) != null) {
      // A note on last night may carry today's date when written after midnight.
      return Optional.of(new TimeWindow(cue, 1, 2));
    }
    if (m.group(7) != null) {
      return Optional.of(ago(cue, count(m.group(7)), m.group(8)));
    }
    int units = m.group(4) != null ? 1 : count(m.group(5));
    int perUnit = m.group(4) != null || m.group(6).equalsIgnoreCase("weeks") ? 7 : 1;
    // "The last 3 days" counted from as-of reaches into a fourth day, which a date-only document
    // of that day belongs to.
    return Optional.of(new TimeWindow(cue, units * perUnit, units * perUnit + 1));
  }

  /**
   * "Two days ago" is that day; "two weeks ago" the week around that day, three days either side;
   * "a few days ago" two to five days back.
   */
  private static TimeWindow ago(String cue, int count, String unit) {
    boolean vague = cue.toLowerCase(Locale.ROOT).startsWith("a few");
    if (unit.toLowerCase(Locale.ROOT).startsWith("week")) {
      return new TimeWindow(cue, 7 * count + 3, 7);
    }
    return vague ? new TimeWindow(cue, 5, 4) : new TimeWindow(cue, count, 1);
  }

  /** A count as the cues write it; vague ones at their widest usual reading. */
  private static int count(String words) {
    String w = words.toLowerCase(Locale.ROOT);
    return switch (w) {
      case "a", "one" -> 1;
      case "two" -> 2;
      case "three", "few", "a few" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "several" -> 7;
      default -> w.contains("couple") ? 2 : Integer.parseInt(w);
    };
  }
}
