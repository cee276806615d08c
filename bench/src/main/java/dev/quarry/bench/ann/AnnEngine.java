package dev.quarry.bench.ann;

import java.nio.file.Path;

/**
 * One contender of the ANN benchmark: builds an index of a dataset's base vectors, then answers
 * top-k queries at a given search effort with base-vector ordinals. Not thread-safe; one query
 * thread.
 */
interface AnnEngine extends AutoCloseable {
  /** Name in tables and plots. */
  String name();

  /** Indexes every base vector (ordinal i gets id i) in {@code dir}, ready to search. */
  void build(AnnDataset dataset, Path dir) throws Exception;

  /** The ordinals of the best {@code k} base vectors found with a candidate list of {@code ef}. */
  int[] search(float[] query, int k, int ef) throws Exception;

  /** Bytes of the finished index on disk (vectors and graph; for Quarry without its store). */
  long indexBytes() throws Exception;

  /** Index segments searched (1 for a single graph). */
  int segments() throws Exception;

  @Override
  void close() throws Exception;
}
