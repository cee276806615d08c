package dev.quarry.query;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds natural-language exclusions: "X but not Y", "X excluding Y", "X except Y", "X other than
 * Y", "X without Y", "X not about Y", and the leading forms "Apart from Y, X", "Other than Y, X",
 * "Besides Y, X", "Except for Y, X", "Excluding Y, X". Rules were written from our own sentences
 * and tuned on a held-out split only (docs/decisions/0004-negation.md).
 */
public final class NegationDetector {
  /** A detected exclusion. */
  public record Exclusion(String positive, String excluded, String cue) {}

  private static final String END = "(?=[,.;:?!]|$)";
  private static final Pattern LEADING =
      Pattern.compile(
          "^\\s*(apart from|other than|besides|except for|excluding|aside from|not counting)\\s+(.+?),\\s*(.+)$",
          Pattern.CASE_INSENSITIVE);
  private static final List<Pattern> TRAILING =
      List.of(
          Pattern.compile(
              "^(.+?),?\\s+(but not|and not|excluding|except for|except|other than|apart from|aside from|not including|rather than|instead of)\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^(.+?)\\s+(without|not about|not involving|not related to|that (?:do|does|did) not (?:use|mention|involve|include))\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE));

  private NegationDetector() {}

  /** The exclusion in {@code query}, or null when there is none. */
  public static Exclusion detect(String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    Matcher m = LEADING.matcher(query);
    if (m.matches()) {
      return exclusion(m.group(3), m.group(2), m.group(1));
    }
    for (Pattern p : TRAILING) {
      m = p.matcher(query.trim());
      if (m.matches()) {
        String rest = m.group(4).replaceFirst("^[,.;:]\\s*", "");
        String positive = (m.group(1) + (rest.isBlank() ? "" : " " + rest)).trim();
        return exclusion(positive, m.group(3), m.group(2));
      }
    }
    return null;
  }

  private static Exclusion exclusion(String positive, String excluded, String cue) {
    String ex = excluded.trim().replaceFirst("(?i)^(the|a|an|any)\\s+", "");
    if (ex.isBlank() || positive.isBlank() || ex.split("\\s+").length > 12) {
      return null; // too long to be an entity: more likely a clause we would misread
    }
    return new Exclusion(positive.trim(), ex, cue.toLowerCase(Locale.ROOT));
  }
}
