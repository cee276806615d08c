package dev.quarry.query.interpret;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a recency cue that names whole days as a {@link TimeWindow}: "today", "tonight", "this
 * morning", "yesterday", "last night", "the last/past N days" or "weeks", "the past week". Calendar
 * periods ("this week", "last month", "this year") are left to the decay (decision 0184): news
 * speaks of "this week" for events whose reports are often older than seven days, and a calendar
 * week cut at Monday would drop them.
 */
final class EnglishWindows {
  private static final Pattern SPAN =
      Pattern.compile(
          "(today|tonight|this morning)|(yesterday)|(last night)|(past week)"
              + "|(?:last|past) (\\d{1,2}|two|three|few|couple(?: of)?|several) (days|weeks)",
          Pattern.CASE_INSENSITIVE);

  private EnglishWindows() {}

  /** The window the cue at {@code [start, end)} of {@code query} writes, if it writes one. */
  static Optional<TimeWindow> read(String query, int start, int end) {
    String cue = query.substring(start, end);
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
    int units = m.group(4) != null ? 1 : count(m.group(5));
    int perUnit = m.group(4) != null || m.group(6).equalsIgnoreCase("weeks") ? 7 : 1;
    // "The last 3 days" counted from as-of reaches into a fourth day, which a date-only document
    // of that day belongs to.
    return Optional.of(new TimeWindow(cue, units * perUnit, units * perUnit + 1));
  }

  /** A count as the cues write it; vague ones at their widest usual reading. */
  private static int count(String words) {
    String w = words.toLowerCase(Locale.ROOT);
    return switch (w) {
      case "two" -> 2;
      case "three", "few" -> 3;
      case "several" -> 7;
      default -> w.startsWith("couple") ? 2 : Integer.parseInt(w);
    };
  }
}
