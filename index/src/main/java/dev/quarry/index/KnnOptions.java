package dev.quarry.index;

import dev.quarry.core.QuarryException;

/**
 * Search effort of an approximate query.
 *
 * @param efSearch candidates the HNSW search keeps while walking the graph (its beam); at least
 *     {@code k}; 0 uses the encoding's default ({@link VectorEncoding#defaultEfSearch()})
 * @param oversample for quantized encodings, the walk keeps at least {@code k × oversample}
 *     candidates and every candidate it keeps is rescored with full-precision vectors; 0 uses the
 *     encoding's default
 * @param plan how a filtered search walks the vectors; {@link Plan#AUTO} picks by cost
 */
public record KnnOptions(int efSearch, int oversample, Plan plan) {
  /** Defaults that reach recall@10 ≥ 0.95 on real text embeddings (docs/benchmarks.md). */
  public static final KnnOptions DEFAULTS = new KnnOptions(0, 0);

  /** How a filtered search walks the vectors. Never persisted. */
  public enum Plan {
    /** Exact scan of the passing documents when that is cheaper than the graph walk. */
    AUTO,
    /** Always the filtered HNSW walk. */
    GRAPH,
    /** Always score every passing document exactly (recall 1, cost grows with their number). */
    EXACT
  }

  public KnnOptions(int efSearch, int oversample) {
    this(efSearch, oversample, Plan.AUTO);
  }

  public KnnOptions {
    if (plan == null) {
      throw QuarryException.invalid("plan must not be null: use Plan.AUTO");
    }
    if (efSearch < 0 || efSearch > 10_000) {
      throw QuarryException.invalid(
          "efSearch must be in 0..10000 (0 = the encoding's default), got " + efSearch);
    }
    if (oversample < 0 || oversample > 100) {
      throw QuarryException.invalid(
          "oversample must be in 0..100 (0 = default), got " + oversample);
    }
  }

  public KnnOptions withPlan(Plan value) {
    return new KnnOptions(efSearch, oversample, value);
  }

  /** The beam for a collection of {@code encoding}: {@code efSearch}, or its default when 0. */
  public int efSearchFor(VectorEncoding encoding) {
    return efSearch == 0 ? encoding.defaultEfSearch() : efSearch;
  }

  int oversampleFor(VectorEncoding encoding) {
    return oversample == 0 ? encoding.defaultOversample() : oversample;
  }
}
