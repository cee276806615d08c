package dev.quarry.index;

import java.util.List;

/**
 * Hits of an approximate search, with the plan that produced them (for explain).
 *
 * @param hits best first
 * @param strategy how the vectors were searched
 * @param efSearch the effort asked, with a default resolved (the beam derives from it)
 * @param beam candidates the graph walk kept (0 for an exact scan)
 * @param passing live documents that pass the filter (all live documents without one)
 * @param total live documents in the collection
 */
public record KnnResult(
    List<Hit> hits, Strategy strategy, int efSearch, int beam, int passing, int total) {
  public KnnResult {
    hits = List.copyOf(hits);
  }

  /** How a search walked the vectors. Never persisted. */
  public enum Strategy {
    /** The HNSW graph, no filter. */
    GRAPH,
    /** The HNSW graph, visiting only documents that pass the filter. */
    FILTERED_GRAPH,
    /** Every document that passes the filter scored exactly: cheaper than the graph walk. */
    EXACT_SCAN
  }
}
