package dev.quarry.index;

import dev.quarry.core.QuarryException;

/**
 * Search effort of an approximate query.
 *
 * @param efSearch candidates the HNSW search keeps while walking the graph (its beam); at least
 *     {@code k}
 * @param oversample for quantized encodings, {@code k × oversample} candidates are rescored with
 *     full-precision vectors; 0 uses the encoding's default
 */
public record KnnOptions(int efSearch, int oversample) {
  /** Defaults that reach recall@10 ≥ 0.95 on real text embeddings (docs/benchmarks.md). */
  public static final KnnOptions DEFAULTS = new KnnOptions(100, 0);

  public KnnOptions {
    if (efSearch < 1 || efSearch > 10_000) {
      throw QuarryException.invalid("efSearch must be in 1..10000, got " + efSearch);
    }
    if (oversample < 0 || oversample > 100) {
      throw QuarryException.invalid(
          "oversample must be in 0..100 (0 = default), got " + oversample);
    }
  }

  int oversampleFor(VectorEncoding encoding) {
    return oversample == 0 ? encoding.defaultOversample() : oversample;
  }

  /** Graph beam for k hits: never fewer than the candidates to rescore. */
  int beam(int k, VectorEncoding encoding) {
    return Math.max(Math.max(efSearch, k), k * oversampleFor(encoding));
  }
}
