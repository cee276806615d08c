package dev.quarry.index.internal;

import dev.quarry.index.spi.FloatVectorDots;
import java.io.IOException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Scores a float32 query against the vectors of Lucene's flat format where they lie in the mapped
 * {@code .vec} file with Quarry's Vector API kernel ({@link FloatVectorDots}, decision 0167), and
 * turns the dot product or squared distance into Lucene's score with Lucene's own functions, so the
 * scores are Lucene's up to the order of the sums ({@code InPlaceFloatScorerTest}).
 */
final class InPlaceFloatScorer extends RandomVectorScorer.AbstractRandomVectorScorer {
  private final FloatVectorDots kernel;
  private final boolean euclidean;
  private final long vectorBytes;
  private long[] offsets = new long[0];

  private InPlaceFloatScorer(
      FloatVectorValues values, FloatVectorDots kernel, boolean euclidean, long vectorBytes) {
    super(values);
    this.kernel = kernel;
    this.euclidean = euclidean;
    this.vectorBytes = vectorBytes;
  }

  /**
   * The in-place scorer of {@code query} over {@code values}; null where the JVM has no such
   * kernel, the vectors are not one mapped file, or the similarity is not a dot product or
   * Euclidean (the two a float32 collection is written with; {@link VectorFormats#similarity}).
   */
  static InPlaceFloatScorer of(
      FloatVectorValues values, VectorSimilarityFunction similarity, float[] query)
      throws IOException {
    if (similarity != VectorSimilarityFunction.DOT_PRODUCT
        && similarity != VectorSimilarityFunction.EUCLIDEAN) {
      return null;
    }
    IndexInput slice = VectorFormats.floatVectorSlice(values);
    if (slice == null) {
      return null;
    }
    RandomAccessInput vectors =
        slice instanceof RandomAccessInput positional
            ? positional
            : slice.randomAccessSlice(0, slice.length());
    FloatVectorDots kernel = FloatVectorDots.of(vectors, query);
    return kernel == null
        ? null
        : new InPlaceFloatScorer(
            values,
            kernel,
            similarity == VectorSimilarityFunction.EUCLIDEAN,
            (long) values.getVectorByteLength());
  }

  @Override
  public float score(int node) {
    long at = node * vectorBytes;
    return euclidean
        ? VectorUtil.normalizeDistanceToUnitInterval(kernel.squareDistance(at))
        : VectorUtil.normalizeToUnitInterval(kernel.dot(at));
  }

  @Override
  public float bulkScore(int[] nodes, float[] scores, int count) {
    if (offsets.length < count) {
      offsets = new long[ArrayUtil.oversize(count, Long.BYTES)];
    }
    for (int i = 0; i < count; i++) {
      offsets[i] = nodes[i] * vectorBytes;
    }
    float max = Float.NEGATIVE_INFINITY;
    if (euclidean) {
      kernel.squareDistances(offsets, scores, count);
      for (int i = 0; i < count; i++) {
        scores[i] = VectorUtil.normalizeDistanceToUnitInterval(scores[i]);
        max = Math.max(max, scores[i]);
      }
    } else {
      kernel.dots(offsets, scores, count);
      for (int i = 0; i < count; i++) {
        scores[i] = VectorUtil.normalizeToUnitInterval(scores[i]);
        max = Math.max(max, scores[i]);
      }
    }
    return max;
  }
}
