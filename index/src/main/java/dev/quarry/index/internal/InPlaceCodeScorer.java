package dev.quarry.index.internal;

import dev.quarry.index.spi.BitNibbleDots;
import dev.quarry.index.spi.CodeDots;
import dev.quarry.index.spi.CodeKernels;
import dev.quarry.index.spi.QueryQuantizer;
import dev.quarry.index.spi.Uint8CodeDots;
import java.io.IOException;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Scores a quantized query against the codes of Lucene's scalar-quantized format where they lie in
 * the mapped {@code .veq} file: no copy of the code, no seek, no corrections object per node
 * (Lucene 10.6's scorer does all three for every visited node; decision 0120). The score is
 * Lucene's ({@code Lucene104ScalarQuantizedVectorScorer}): the same corrections and the same
 * formula, which {@code InPlaceCodeScorerTest} checks against Lucene's own scorer, node by node,
 * with the query quantized as Lucene does; searches quantize it more cheaply ({@link
 * QueryQuantizer}).
 *
 * <p>Each record of the file is the packed code followed by three floats (lower and upper interval,
 * additional correction) and an int (sum of the code's components), little-endian. They are read
 * through Lucene's positional {@link RandomAccessInput}, which over a memory-mapped file is a
 * bounds-checked read of the mapped segment. int8 codes are dotted by {@link Uint8CodeDots}, with
 * the Vector API from the mapping where the JVM allows it (decision 0161), binary codes by {@link
 * BitNibbleDots}, likewise (decision 0168).
 */
final class InPlaceCodeScorer extends RandomVectorScorer.AbstractRandomVectorScorer {
  private final RandomAccessInput codes;
  private final ScalarEncoding encoding;
  private final VectorSimilarityFunction similarity;
  private final int codeBytes;
  private final long recordBytes;
  private final int dimension;
  private final float centroidDp;

  /** The query: against 8-bit codes (int8), or as four bit planes against 1-bit codes (binary). */
  private final CodeDots queryDots;

  private long[] bulkOffsets = new long[0];
  private int[] bulkDots = new int[0];
  private final float queryLower;
  private final float queryWidth;
  private final float queryComponentSum;
  private final float queryAdditional;
  private final float docScale;

  private InPlaceCodeScorer(
      QuantizedByteVectorValues values,
      RandomAccessInput codes,
      VectorSimilarityFunction similarity,
      byte[] quantizedQuery,
      QuantizationResult query)
      throws IOException {
    super(values);
    this.codes = codes;
    this.encoding = values.getScalarEncoding();
    this.similarity = similarity;
    this.codeBytes = values.getVectorByteLength();
    this.recordBytes = codeBytes + 3L * Float.BYTES + Integer.BYTES;
    this.dimension = values.dimension();
    this.centroidDp = values.getCentroidDP();
    this.queryLower = query.lowerInterval();
    this.queryWidth = (query.upperInterval() - queryLower) / ((1 << encoding.getQueryBits()) - 1);
    this.queryComponentSum = query.quantizedComponentSum();
    this.queryAdditional = query.additionalCorrection();
    this.docScale = 1f / ((1 << encoding.getBits()) - 1);
    this.queryDots =
        encoding == ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE
            ? BitNibbleDots.of(codes, CodeKernels.planes(quantizedQuery, codeBytes), codeBytes)
            : Uint8CodeDots.of(codes, quantizedQuery);
  }

  /** Whether codes of {@code encoding} are scored here; the others keep Lucene's scorer. */
  static boolean supports(ScalarEncoding encoding, VectorSimilarityFunction similarity) {
    boolean codes =
        encoding == ScalarEncoding.UNSIGNED_BYTE
            || encoding == ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE;
    return codes
        && (similarity == VectorSimilarityFunction.DOT_PRODUCT
            || similarity == VectorSimilarityFunction.EUCLIDEAN);
  }

  /**
   * The query quantized as Lucene quantizes it for this segment (its centroid), over {@code codes},
   * the whole quantized-vector slice of the segment's file.
   */
  static InPlaceCodeScorer of(
      QuantizedByteVectorValues values,
      RandomAccessInput codes,
      VectorSimilarityFunction similarity,
      float[] query)
      throws IOException {
    // On the interval Lucene's quantizer starts its search from, without the search: it refines
    // an interval for codes stored and read many times; for a query used once it was a fifth to a
    // quarter of an int8 search on 784-d vectors at small beams and left recall where it was
    // (decision 0179). Codes are written with Lucene's full search, as before.
    ScalarEncoding encoding = values.getScalarEncoding();
    byte[] scratch = new byte[encoding.getDiscreteDimensions(values.dimension())];
    QuantizationResult corrections =
        QueryQuantizer.quantize(
            query,
            values.getCentroid(),
            encoding.getQueryBits(),
            similarity == VectorSimilarityFunction.EUCLIDEAN,
            scratch);
    return of(values, codes, similarity, scratch, corrections);
  }

  /**
   * As {@link #of(QuantizedByteVectorValues, RandomAccessInput, VectorSimilarityFunction,
   * float[])}, with the query quantized by {@code quantizer}: tests pass Lucene's, to compare
   * scores with Lucene's scorer.
   */
  static InPlaceCodeScorer of(
      QuantizedByteVectorValues values,
      RandomAccessInput codes,
      VectorSimilarityFunction similarity,
      float[] query,
      OptimizedScalarQuantizer quantizer)
      throws IOException {
    ScalarEncoding encoding = values.getScalarEncoding();
    byte[] scratch = new byte[encoding.getDiscreteDimensions(values.dimension())];
    // The quantizer writes into its input (it centres it), hence the copy.
    QuantizationResult corrections =
        quantizer.scalarQuantize(
            query.clone(), scratch, encoding.getQueryBits(), values.getCentroid());
    return of(values, codes, similarity, scratch, corrections);
  }

  /** The scorer of a query quantized into {@code scratch} (one code per component). */
  private static InPlaceCodeScorer of(
      QuantizedByteVectorValues values,
      RandomAccessInput codes,
      VectorSimilarityFunction similarity,
      byte[] scratch,
      QuantizationResult corrections)
      throws IOException {
    byte[] quantized = scratch;
    if (values.getScalarEncoding() == ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE) {
      quantized = new byte[values.getScalarEncoding().getQueryPackedLength(scratch.length)];
      OptimizedScalarQuantizer.transposeHalfByte(scratch, quantized);
    }
    return new InPlaceCodeScorer(values, codes, similarity, quantized, corrections);
  }

  @Override
  public float score(int node) throws IOException {
    long at = node * recordBytes;
    return correct(at + codeBytes, queryDots.dot(at));
  }

  /** Written so that the JIT keeps the touching reads. */
  private long sink;

  /** Codes are dotted several at a time (their reads overlap). */
  @Override
  public float bulkScore(int[] nodes, float[] scores, int count) throws IOException {
    if (bulkOffsets.length < count) {
      bulkOffsets = new long[ArrayUtil.oversize(count, Long.BYTES)];
      bulkDots = new int[bulkOffsets.length];
    }
    // Every code's first word read before any is dotted: their cache misses overlap (0174).
    sink += TouchingScorer.touch(codes, nodes, count, recordBytes);
    for (int i = 0; i < count; i++) {
      bulkOffsets[i] = nodes[i] * recordBytes;
    }
    queryDots.dots(bulkOffsets, bulkDots, count);
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      scores[i] = correct(bulkOffsets[i] + codeBytes, bulkDots[i]);
      max = Math.max(max, scores[i]);
    }
    return max;
  }

  /** Lucene's correction of the code dot product into the similarity score. */
  private float correct(long at, float codeDot) throws IOException {
    // Two little-endian longs, two ints each: half the bounds-checked reads of four ints.
    long interval = codes.readLong(at);
    long rest = codes.readLong(at + Long.BYTES);
    float docLower = Float.intBitsToFloat((int) interval);
    float docWidth = (Float.intBitsToFloat((int) (interval >>> 32)) - docLower) * docScale;
    float docAdditional = Float.intBitsToFloat((int) rest);
    float docComponentSum = (int) (rest >>> 32);
    float score =
        docLower * queryLower * dimension
            + queryLower * docWidth * docComponentSum
            + docLower * queryWidth * queryComponentSum
            + docWidth * queryWidth * codeDot;
    if (similarity == VectorSimilarityFunction.EUCLIDEAN) {
      score = queryAdditional + docAdditional - 2 * score;
      return Math.max(1 / (1f + score), 0);
    }
    score += queryAdditional + docAdditional - centroidDp;
    return Math.max((1f + score) / 2f, 0);
  }
}
