package dev.quarry.query;

import dev.quarry.query.interpret.EnglishRecencyCues;

/** The English recency cues ({@link EnglishRecencyCues}) behind the entry point harnesses call. */
public final class RecencyIntent {
  private RecencyIntent() {}

  /** The cue that fired, or null. */
  public static String cue(String query) {
    return EnglishRecencyCues.cue(query);
  }
}
