package dev.quarry.bench.ann;

import java.nio.file.Path;
import java.util.List;

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

  /**
   * Searches {@code queries[from, to)} into {@code found[q - from]} and returns the nanoseconds the
   * searches took; an engine in another process overrides it to report its own time.
   */
  default long searchBlock(List<float[]> queries, int from, int to, int k, int ef, int[][] found)
      throws Exception {
    long start = System.nanoTime();
    for (int q = from; q < to; q++) {
      found[q - from] = search(queries.get(q), k, ef);
    }
    return System.nanoTime() - start;
  }

  /** Bytes of the finished index on disk (vectors and graph; for Quarry without its store). */
  long indexBytes() throws Exception;

  /** Index segments searched (1 for a single graph). */
  int segments() throws Exception;

  @Override
  void close() throws Exception;
}
