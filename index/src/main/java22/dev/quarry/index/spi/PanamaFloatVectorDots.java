package dev.quarry.index.spi;

import static jdk.incubator.vector.VectorOperators.ADD;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.lucene.store.MemorySegmentAccessInput;
import org.apache.lucene.store.RandomAccessInput;

/**
 * The in-place float32 dot product and squared distance (decision 0167): vectors read from the
 * memory-mapped file with the Vector API, no copy, four per pass so that the query's loads serve
 * four vectors and the four vectors' reads overlap (the same pass as Lucene 10.6's memory-segment
 * scorer; the difference is what is around it, decision 0167). Compiled for Java 22 (see {@link
 * FloatVectorDots}, which alone loads it).
 *
 * <p>The components after the last whole step (a dimension that is not a multiple of the vector
 * width) are added one by one, after the pass.
 */
final class PanamaFloatVectorDots extends FloatVectorDots {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  /** Narrower vectors (no AVX2) would not beat Lucene's scorer. */
  private static final boolean WIDE_ENOUGH = FLOATS.vectorBitSize() >= 256;

  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

  private final MemorySegment vectors;
  private final float[] query;
  private final int wholeSteps;

  /** Scratch of a last, partial pass. */
  private final long[] restAt = new long[4];

  private final float[] rest = new float[4];

  private PanamaFloatVectorDots(MemorySegment vectors, float[] query) {
    this.vectors = vectors;
    this.query = query;
    this.wholeSteps = FLOATS.loopBound(query.length);
  }

  /** Null where {@code vectors} is not one mapped segment or the vectors are too narrow. */
  static FloatVectorDots inPlace(RandomAccessInput vectors, float[] query) throws IOException {
    if (!WIDE_ENOUGH || !(vectors instanceof MemorySegmentAccessInput mapped)) {
      return null;
    }
    MemorySegment segment = mapped.segmentSliceOrNull(0, vectors.length());
    return segment == null ? null : new PanamaFloatVectorDots(segment, query);
  }

  @Override
  public float dot(long at) {
    FloatVector sum = FloatVector.zero(FLOATS);
    for (int i = 0; i < wholeSteps; i += FLOATS.length()) {
      sum = load(at, i).fma(FloatVector.fromArray(FLOATS, query, i), sum);
    }
    return sum.reduceLanes(ADD) + dotTail(at);
  }

  @Override
  public void dots(long[] at, float[] dots, int count) {
    int whole = count & -4;
    for (int i = 0; i < whole; i += 4) {
      dots4(at, i, dots);
    }
    if (whole < count) {
      dots4(padRest(at, whole, count), 0, rest);
      System.arraycopy(rest, 0, dots, whole, count - whole);
    }
  }

  private void dots4(long[] at, int from, float[] dots) {
    long a0 = at[from];
    long a1 = at[from + 1];
    long a2 = at[from + 2];
    long a3 = at[from + 3];
    FloatVector s0 = FloatVector.zero(FLOATS);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int i = 0; i < wholeSteps; i += FLOATS.length()) {
      FloatVector q = FloatVector.fromArray(FLOATS, query, i);
      s0 = load(a0, i).fma(q, s0);
      s1 = load(a1, i).fma(q, s1);
      s2 = load(a2, i).fma(q, s2);
      s3 = load(a3, i).fma(q, s3);
    }
    dots[from] = s0.reduceLanes(ADD) + dotTail(a0);
    dots[from + 1] = s1.reduceLanes(ADD) + dotTail(a1);
    dots[from + 2] = s2.reduceLanes(ADD) + dotTail(a2);
    dots[from + 3] = s3.reduceLanes(ADD) + dotTail(a3);
  }

  @Override
  public float squareDistance(long at) {
    FloatVector sum = FloatVector.zero(FLOATS);
    for (int i = 0; i < wholeSteps; i += FLOATS.length()) {
      FloatVector diff = load(at, i).sub(FloatVector.fromArray(FLOATS, query, i));
      sum = diff.fma(diff, sum);
    }
    return sum.reduceLanes(ADD) + squareTail(at);
  }

  @Override
  public void squareDistances(long[] at, float[] distances, int count) {
    int whole = count & -4;
    for (int i = 0; i < whole; i += 4) {
      squares4(at, i, distances);
    }
    if (whole < count) {
      squares4(padRest(at, whole, count), 0, rest);
      System.arraycopy(rest, 0, distances, whole, count - whole);
    }
  }

  /**
   * The last one to three vectors as a four-vector pass, the last repeated: their reads overlap as
   * a full pass's do (one vector at a time waits for each in turn), and a repeat is in cache.
   */
  private long[] padRest(long[] at, int from, int count) {
    for (int j = 0; j < 4; j++) {
      restAt[j] = at[Math.min(from + j, count - 1)];
    }
    return restAt;
  }

  private void squares4(long[] at, int from, float[] distances) {
    long a0 = at[from];
    long a1 = at[from + 1];
    long a2 = at[from + 2];
    long a3 = at[from + 3];
    FloatVector s0 = FloatVector.zero(FLOATS);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int i = 0; i < wholeSteps; i += FLOATS.length()) {
      FloatVector q = FloatVector.fromArray(FLOATS, query, i);
      FloatVector d0 = load(a0, i).sub(q);
      FloatVector d1 = load(a1, i).sub(q);
      FloatVector d2 = load(a2, i).sub(q);
      FloatVector d3 = load(a3, i).sub(q);
      s0 = d0.fma(d0, s0);
      s1 = d1.fma(d1, s1);
      s2 = d2.fma(d2, s2);
      s3 = d3.fma(d3, s3);
    }
    distances[from] = s0.reduceLanes(ADD) + squareTail(a0);
    distances[from + 1] = s1.reduceLanes(ADD) + squareTail(a1);
    distances[from + 2] = s2.reduceLanes(ADD) + squareTail(a2);
    distances[from + 3] = s3.reduceLanes(ADD) + squareTail(a3);
  }

  private FloatVector load(long at, int component) {
    return FloatVector.fromMemorySegment(
        FLOATS, vectors, at + (long) component * Float.BYTES, ORDER);
  }

  private float dotTail(long at) {
    float sum = 0;
    for (int i = wholeSteps; i < query.length; i++) {
      sum = Math.fma(vectors.get(FLOAT, at + (long) i * Float.BYTES), query[i], sum);
    }
    return sum;
  }

  private float squareTail(long at) {
    float sum = 0;
    for (int i = wholeSteps; i < query.length; i++) {
      float diff = vectors.get(FLOAT, at + (long) i * Float.BYTES) - query[i];
      sum = Math.fma(diff, diff, sum);
    }
    return sum;
  }
}
