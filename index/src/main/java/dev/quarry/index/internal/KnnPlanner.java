package dev.quarry.index.internal;

/**
 * Plans a kNN search: the beam of the HNSW walk, and for a filter, whether an exact scan of the
 * documents that pass is cheaper than the filtered walk. Both rules were measured on 116,659 real
 * sentence embeddings ({@code bin/bench filtered --compare-paths}; decision 0007).
 */
final class KnnPlanner {
  /**
   * Exact scan below {@code passing² ≤ EXACT_SCAN_FACTOR × efSearch × total}. A scan reads every
   * passing vector; the filtered walk reads about {@code efSearch × log(total)} nodes divided by
   * the fraction that passes. Equating the two gives a break-even count that grows with {@code
   * √(efSearch × total)}; at 116,659 vectors and efSearch 100 this constant puts it near 7,600
   * documents (6.5%), where the two measured alike.
   */
  static final double EXACT_SCAN_FACTOR = 5;

  private KnnPlanner() {}

  static boolean preferExactScan(int passing, int total, int efSearch) {
    return (double) passing * passing <= EXACT_SCAN_FACTOR * efSearch * Math.max(total, 1);
  }

  /**
   * The walk's beam: {@code efSearch} without a filter; with one, {@code efSearch × √(fraction
   * passing)}. Lucene's filtered walk also looks two hops out past filtered-out nodes, so it meets
   * more passing candidates per step than an unfiltered walk meets candidates, and reaches the same
   * recall with a smaller beam (measured at 5–30% passing: recall stayed at or above the unfiltered
   * walk's at 1.2–2× its cost, against 2.5–5× with the full beam). Never fewer than the candidates
   * the caller needs ({@code k}, or the hits to rescore).
   */
  static int beam(int candidates, int efSearch, int passing, int total) {
    double fraction = total == 0 ? 1 : Math.min(1, (double) passing / total);
    return Math.max(candidates, (int) Math.ceil(efSearch * Math.sqrt(fraction)));
  }
}
