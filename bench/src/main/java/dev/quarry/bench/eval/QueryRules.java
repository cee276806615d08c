package dev.quarry.bench.eval;

import dev.quarry.query.NegationDetector;
import dev.quarry.query.RecencyIntent;
import dev.quarry.query.interpret.QueryText;

/**
 * How the held-out harness reads a query: the one place it calls the query side's detectors, so
 * that another interpretation of queries can be measured by changing this class alone.
 */
final class QueryRules {
  /** Today's English rules. */
  static final QueryRules ENGLISH = new QueryRules();

  private QueryRules() {}

  /** The query asks for the newest documents first. */
  boolean recencyIntent(String query) {
    return RecencyIntent.cue(query) != null;
  }

  /**
   * The query asks to leave an entity out of the results: in words, or with the keyword syntax
   * ({@code -term}), which the engine applies as a filter.
   */
  boolean exclusion(String query) {
    return NegationDetector.detect(query) != null || !QueryText.parse(query).excluded().isEmpty();
  }
}
