package dev.quarry.bench.eval;

import java.util.List;
import java.util.function.Predicate;

/**
 * What the detectors do on one data set: recency intent and exclusion against their labels, and how
 * often each fires on ordinary questions (which want neither).
 *
 * @param recency the recency trigger against the recency-intent label
 * @param exclusion the exclusion detector against the exclusion label
 * @param recencyFalse share of ordinary questions the recency trigger fires on
 * @param exclusionFalse share of ordinary questions the exclusion detector fires on
 * @param combinedFalse share of ordinary questions either fires on
 */
record DetectorFigures(
    Detection recency,
    Detection exclusion,
    double recencyFalse,
    double exclusionFalse,
    double combinedFalse) {

  /** On held-out queries: labels from the set, ordinary = neither label. */
  static DetectorFigures of(List<HeldoutSet.Query> queries, QueryRules rules) {
    List<String> ordinary =
        queries.stream().filter(HeldoutSet.Query::ordinary).map(HeldoutSet.Query::text).toList();
    return new DetectorFigures(
        Detection.of(queries, HeldoutSet.Query::recencyIntent, q -> rules.recencyIntent(q.text())),
        Detection.of(queries, HeldoutSet.Query::exclusion, q -> rules.exclusion(q.text())),
        share(ordinary, rules::recencyIntent),
        share(ordinary, rules::exclusion),
        share(ordinary, t -> rules.recencyIntent(t) || rules.exclusion(t)));
  }

  /** The share of {@code texts} that {@code fires} accepts. */
  static double share(List<String> texts, Predicate<String> fires) {
    return texts.isEmpty() ? 0 : (double) texts.stream().filter(fires).count() / texts.size();
  }
}
