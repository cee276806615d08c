package dev.quarry.index.spi;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.ZERO_EXTEND_B2S;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.apache.lucene.store.MemorySegmentAccessInput;
import org.apache.lucene.store.RandomAccessInput;

/**
 * The in-place unsigned 8-bit dot product (decision 0161): codes read from the memory-mapped file
 * with the Vector API, no copy. Compiled for Java 22 (see {@link Uint8CodeDots}, which alone loads
 * it).
 *
 * <p>The query is widened to shorts once. Per step, one vector of code bytes is zero-extended to
 * shorts and multiplied by the query's: each product (at most 255 × 255) fits an unsigned 16-bit
 * lane exactly. Read as ints, a vector of products holds two products per lane, summed exactly as
 * {@code (lane & 0xFFFF) + (lane >>> 16)} into int accumulators: no shuffle across lanes, which
 * Lucene's short-to-int widening of every product costs.
 */
final class PanamaUint8CodeDots extends Uint8CodeDots {
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES = bytes(SHORTS);
  private static final VectorSpecies<Integer> INTS = SHORTS.withLanes(int.class);

  /** The last step of a code that is not a whole number of steps: half as wide. */
  private static final VectorSpecies<Short> HALF_SHORTS = half(SHORTS);

  private static final VectorSpecies<Byte> HALF_BYTES = bytes(HALF_SHORTS);

  /** Narrower vectors (no AVX2) run the Vector API no faster than a copy and Lucene's kernel. */
  private static final boolean WIDE_ENOUGH = SHORTS.vectorBitSize() >= 256;

  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  private static final int LOW = 0xFFFF;

  private final MemorySegment codes;
  private final short[] query;
  private final int dimension;
  private final int wholeSteps;
  private final int halfStep;

  private PanamaUint8CodeDots(MemorySegment codes, byte[] query) {
    this.codes = codes;
    this.dimension = query.length;
    this.query = new short[dimension];
    for (int i = 0; i < dimension; i++) {
      this.query[i] = (short) Byte.toUnsignedInt(query[i]);
    }
    this.wholeSteps = BYTES.loopBound(dimension);
    this.halfStep =
        wholeSteps + HALF_BYTES.length() <= dimension ? wholeSteps + HALF_BYTES.length() : 0;
  }

  /** Null where {@code codes} is not one mapped segment or the vectors are too narrow. */
  static Uint8CodeDots inPlace(RandomAccessInput codes, byte[] query) throws IOException {
    if (!WIDE_ENOUGH || !(codes instanceof MemorySegmentAccessInput mapped)) {
      return null;
    }
    MemorySegment segment = mapped.segmentSliceOrNull(0, codes.length());
    return segment == null ? null : new PanamaUint8CodeDots(segment, query);
  }

  @Override
  public int dot(long at) {
    IntVector low = IntVector.zero(INTS);
    IntVector high = low;
    for (int i = 0; i < wholeSteps; i += BYTES.length()) {
      IntVector products = products(at, i);
      low = low.add(products.and(LOW));
      high = high.add(products.lanewise(LSHR, 16));
    }
    return low.add(high).reduceLanes(ADD) + tail(at);
  }

  /**
   * Four codes per pass: their loads overlap, and the query is read once for the four. The tails
   * are added after, one code at a time.
   */
  @Override
  public void dots(long[] at, int[] dots, int count) {
    int i = 0;
    for (; i + 4 <= count; i += 4) {
      wholeSteps4(at, i, dots);
    }
    for (; i < count; i++) {
      dots[i] = dot(at[i]);
    }
    if (wholeSteps < dimension) {
      for (int j = 0; j < count - count % 4; j++) {
        dots[j] += tail(at[j]);
      }
    }
  }

  private void wholeSteps4(long[] at, int from, int[] dots) {
    long a0 = at[from];
    long a1 = at[from + 1];
    long a2 = at[from + 2];
    long a3 = at[from + 3];
    IntVector s0 = IntVector.zero(INTS);
    IntVector s1 = s0;
    IntVector s2 = s0;
    IntVector s3 = s0;
    for (int i = 0; i < wholeSteps; i += BYTES.length()) {
      ShortVector q = ShortVector.fromArray(SHORTS, query, i);
      s0 = s0.add(split(widen(a0 + i).mul(q).reinterpretAsInts()));
      s1 = s1.add(split(widen(a1 + i).mul(q).reinterpretAsInts()));
      s2 = s2.add(split(widen(a2 + i).mul(q).reinterpretAsInts()));
      s3 = s3.add(split(widen(a3 + i).mul(q).reinterpretAsInts()));
    }
    dots[from] = s0.reduceLanes(ADD);
    dots[from + 1] = s1.reduceLanes(ADD);
    dots[from + 2] = s2.reduceLanes(ADD);
    dots[from + 3] = s3.reduceLanes(ADD);
  }

  /** The two unsigned 16-bit products of each int lane, summed. */
  private static IntVector split(IntVector products) {
    return products.and(LOW).add(products.lanewise(LSHR, 16));
  }

  private IntVector products(long at, int i) {
    return widen(at + i).mul(ShortVector.fromArray(SHORTS, query, i)).reinterpretAsInts();
  }

  private ShortVector widen(long at) {
    return (ShortVector)
        ByteVector.fromMemorySegment(BYTES, codes, at, ORDER)
            .convertShape(ZERO_EXTEND_B2S, SHORTS, 0);
  }

  /** The components after the whole steps: one half-width step where it fits, then one by one. */
  private int tail(long at) {
    int sum = 0;
    int i = wholeSteps;
    if (halfStep != 0) {
      ShortVector codes16 =
          (ShortVector)
              ByteVector.fromMemorySegment(HALF_BYTES, codes, at + i, ORDER)
                  .convertShape(ZERO_EXTEND_B2S, HALF_SHORTS, 0);
      // Not through split(): one call site seeing two vector shapes stops C2 from keeping either
      // in registers (a bulk pass at 784-d allocated 4.6 kB per code).
      IntVector products =
          codes16.mul(ShortVector.fromArray(HALF_SHORTS, query, i)).reinterpretAsInts();
      sum = products.and(LOW).add(products.lanewise(LSHR, 16)).reduceLanes(ADD);
      i = halfStep;
    }
    for (; i < dimension; i++) {
      sum += query[i] * Byte.toUnsignedInt(codes.get(ValueLayout.JAVA_BYTE, at + i));
    }
    return sum;
  }

  private static VectorSpecies<Byte> bytes(VectorSpecies<Short> shorts) {
    return VectorSpecies.of(byte.class, VectorShape.forBitSize(shorts.vectorBitSize() / 2));
  }

  private static VectorSpecies<Short> half(VectorSpecies<Short> shorts) {
    return VectorSpecies.of(short.class, VectorShape.forBitSize(shorts.vectorBitSize() / 2));
  }
}
