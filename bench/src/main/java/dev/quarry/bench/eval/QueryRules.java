package dev.quarry.bench.eval;

import dev.quarry.core.Embedder;
import dev.quarry.core.Role;
import dev.quarry.query.NegationDetector;
import dev.quarry.query.RecencyIntent;
import dev.quarry.query.interpret.EnglishInterpreter;
import dev.quarry.query.interpret.Interpretation;
import dev.quarry.query.interpret.QueryText;
import dev.quarry.query.interpret.RecencyCheck;

/**
 * How the held-out harness reads a query: the one place it calls the query side's detectors, so
 * that another interpretation of queries can be measured by changing this class alone.
 */
final class QueryRules {
  /** Today's English rules, without the recency check. */
  static final QueryRules ENGLISH = new QueryRules(null, null);

  private final RecencyCheck check;
  private final Embedder embedder;

  private QueryRules(RecencyCheck check, Embedder embedder) {
    this.check = check;
    this.embedder = embedder;
  }

  /**
   * The English rules, their recency cues reviewed by the model's bundled recency check as the
   * engine does by default (decision 0175); the rules alone where the model has none.
   */
  static QueryRules asTheEngineReads(Embedder embedder) {
    return RecencyCheck.bundledFor(embedder.identity())
        .map(c -> new QueryRules(c, embedder))
        .orElse(ENGLISH);
  }

  /** Whether the recency check takes part. */
  boolean checked() {
    return check != null;
  }

  /** The query asks for the newest documents first. */
  boolean recencyIntent(String query) {
    return recencyCue(query) != null;
  }

  /** The recency cue that fired and stands, or null. */
  String recencyCue(String query) {
    String cue = RecencyIntent.cue(query);
    return cue == null || check == null ? cue : reviewed(query).recencyCue().orElse(null);
  }

  /**
   * The query asks to leave an entity out of the results: in words, or with the keyword syntax
   * ({@code -term}), which the engine applies as a filter.
   */
  boolean exclusion(String query) {
    return NegationDetector.detect(query) != null || !QueryText.parse(query).excluded().isEmpty();
  }

  private Interpretation reviewed(String query) {
    Interpretation in = EnglishInterpreter.INSTANCE.interpret(query, true);
    return check.review(in, embedder.embed(in.semantic(), Role.QUERY)).interpretation();
  }
}
