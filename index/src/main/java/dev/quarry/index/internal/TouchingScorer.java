package dev.quarry.index.internal;

import java.io.IOException;
import org.apache.lucene.codecs.lucene95.HasIndexSlice;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * A float32 scorer whose bulk score first reads one word of every vector it is about to score, then
 * scores them: the walk's neighbours lie at random places in the mapped {@code .vec} file, and
 * reading them one after another waits for each cache miss in turn; the first reads, independent of
 * each other, wait for all of them at once (what hnswlib's prefetch instructions do, which Java
 * lacks; decision 0174). Not thread-safe, like the scorer it wraps: one per search.
 */
final class TouchingScorer implements RandomVectorScorer {
  private final RandomVectorScorer scorer;
  private final RandomAccessInput vectors;
  private final long vectorBytes;

  /** Written so that the compiler keeps the reads. */
  private long sink;

  private TouchingScorer(RandomVectorScorer scorer, RandomAccessInput vectors, long vectorBytes) {
    this.scorer = scorer;
    this.vectors = vectors;
    this.vectorBytes = vectorBytes;
  }

  /** {@code scorer} as it is where the vectors are not one slice of a file. */
  static RandomVectorScorer of(RandomVectorScorer scorer, FloatVectorValues values)
      throws IOException {
    if (!(values instanceof HasIndexSlice sliced) || sliced.getSlice() == null) {
      return scorer;
    }
    return new TouchingScorer(
        scorer, positional(sliced.getSlice()), (long) values.dimension() * Float.BYTES);
  }

  /** Reads one word of each node's vector, all before the first is used. */
  static long touch(RandomAccessInput input, int[] nodes, int count, long recordBytes)
      throws IOException {
    long touched = 0;
    for (int i = 0; i < count; i++) {
      touched += input.readLong(nodes[i] * recordBytes);
    }
    return touched;
  }

  /** Over a memory-mapped file the slice is itself a positional reader of the mapping. */
  static RandomAccessInput positional(IndexInput slice) throws IOException {
    return slice instanceof RandomAccessInput positional
        ? positional
        : slice.randomAccessSlice(0, slice.length());
  }

  @Override
  public float bulkScore(int[] nodes, float[] scores, int count) throws IOException {
    sink += touch(vectors, nodes, count, vectorBytes);
    return scorer.bulkScore(nodes, scores, count);
  }

  @Override
  public float score(int node) throws IOException {
    return scorer.score(node);
  }

  @Override
  public int maxOrd() {
    return scorer.maxOrd();
  }

  @Override
  public int ordToDoc(int ord) {
    return scorer.ordToDoc(ord);
  }

  @Override
  public Bits getAcceptOrds(Bits acceptDocs) {
    return scorer.getAcceptOrds(acceptDocs);
  }
}
