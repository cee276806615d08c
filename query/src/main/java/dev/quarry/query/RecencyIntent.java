package dev.quarry.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects that a query asks for fresh results ("latest", "newest", "this week", "current", …).
 * Words were chosen on our own sentences and the tuning splits of RealTime QA and RecencyQA; false
 * triggers are measured on RecencyQA (docs/evaluations.md).
 */
public final class RecencyIntent {
  private static final Pattern CUES =
      Pattern.compile(
          "\\b(latest|newest|most recent|recent|recently|currently|current|nowadays|these days|"
              + "right now|as of (?:now|today)|up[- ]to[- ]date|this (?:week|month|year|morning|weekend)|"
              + "today|tonight|yesterday|last (?:week|night|month)|past (?:week|few days)|just (?:released|announced|launched)|"
              + "breaking|new release|newly|"
              // News phrasing ("announced on Tuesday", "this fall"), added from RealTime QA's
              // tuning
              // split; on RecencyQA's tuning split they fire on 1 of 358 slow-changing questions.
              + "announced|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
              + "this (?:fall|spring|summer|winter|season)|next (?:week|month))\\b",
          Pattern.CASE_INSENSITIVE);

  private RecencyIntent() {}

  /** The cue that fired, or null. */
  public static String cue(String query) {
    if (query == null) {
      return null;
    }
    Matcher m = CUES.matcher(query);
    return m.find() ? m.group(1) : null;
  }
}
