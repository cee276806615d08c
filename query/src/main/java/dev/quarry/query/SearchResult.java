package dev.quarry.query;

import java.util.List;

/**
 * Hits and, when asked, the plan: what was filtered, which path each ranking took and why, what the
 * negation and recency handling did.
 *
 * @param hits ranked hits after offset
 * @param plan one line per decision (empty unless explain was asked)
 * @param tookMillis time spent
 */
public record SearchResult(List<SearchHit> hits, List<String> plan, double tookMillis) {
  public SearchResult {
    hits = List.copyOf(hits);
    plan = List.copyOf(plan);
  }
}
