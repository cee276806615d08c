package dev.quarry.query;

import dev.quarry.query.interpret.EnglishExclusions;

/**
 * The English exclusion rules ({@link EnglishExclusions}) behind the entry point that harnesses and
 * tests call.
 */
public final class NegationDetector {
  /** A detected exclusion. */
  public record Exclusion(String positive, String excluded, String cue) {}

  private NegationDetector() {}

  /** The exclusion in {@code query}, or null when there is none. */
  public static Exclusion detect(String query) {
    dev.quarry.query.interpret.Exclusion e = EnglishExclusions.detect(query);
    return e == null ? null : new Exclusion(e.positive(), e.excluded(), e.cue());
  }
}
