package dev.quarry.index.spi;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.BIT_COUNT;
import static jdk.incubator.vector.VectorOperators.LSHL;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.lucene.store.MemorySegmentAccessInput;
import org.apache.lucene.store.RandomAccessInput;

/**
 * The in-place 1-bit × 4-bit dot product of binary codes (decision 0168): per step, four 64-bit
 * words of the code loaded from the memory-mapped file in one vector, ANDed with each of the
 * query's four bit planes and counted with a lane-wise popcount (one {@code VPOPCNTQ} on AVX-512),
 * the plane weights 1, 2, 4, 8 applied as shifts; one reduction per code. Words after the last
 * whole step are counted one by one. Compiled for Java 22 (see {@link BitNibbleDots}, which alone
 * loads it).
 */
final class PanamaBitNibbleDots extends BitNibbleDots {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;

  /** Two words left after the whole steps (384 dimensions: 6 words) take one half-width step. */
  private static final VectorSpecies<Long> HALF = LongVector.SPECIES_128;

  /** Narrower preferred vectors (no AVX2): the Vector API would be no faster than scalar counts. */
  private static final boolean WIDE_ENOUGH = LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

  private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ORDER);

  private final MemorySegment codes;
  private final long[] planes;
  private final int codeBytes;
  private final int words;
  private final int wholeWords;
  private final int wholeSteps;
  private final int halfStep;

  private PanamaBitNibbleDots(MemorySegment codes, long[] planes, int codeBytes) {
    this.codes = codes;
    this.planes = planes;
    this.codeBytes = codeBytes;
    this.words = planes.length / 4;
    this.wholeWords = codeBytes / Long.BYTES;
    this.wholeSteps = LONGS.loopBound(wholeWords);
    this.halfStep = wholeSteps + HALF.length() <= wholeWords ? wholeSteps + HALF.length() : 0;
  }

  /** Null where {@code codes} is not one mapped segment or the vectors are too narrow. */
  static BitNibbleDots inPlace(RandomAccessInput codes, long[] planes, int codeBytes)
      throws IOException {
    if (!WIDE_ENOUGH || !(codes instanceof MemorySegmentAccessInput mapped)) {
      return null;
    }
    MemorySegment segment = mapped.segmentSliceOrNull(0, codes.length());
    return segment == null ? null : new PanamaBitNibbleDots(segment, planes, codeBytes);
  }

  @Override
  public long dot(long at) {
    LongVector sum = LongVector.zero(LONGS);
    for (int w = 0; w < wholeSteps; w += LONGS.length()) {
      LongVector code =
          LongVector.fromMemorySegment(LONGS, codes, at + (long) w * Long.BYTES, ORDER);
      LongVector p0 = plane(0, w, code);
      LongVector p1 = plane(1, w, code).lanewise(LSHL, 1);
      LongVector p2 = plane(2, w, code).lanewise(LSHL, 2);
      LongVector p3 = plane(3, w, code).lanewise(LSHL, 3);
      sum = sum.add(p0.add(p1)).add(p2.add(p3));
    }
    return sum.reduceLanes(ADD) + tail(at);
  }

  /** popcount(plane p AND code), lane by lane, for the four words from word {@code w}. */
  private LongVector plane(int p, int w, LongVector code) {
    return LongVector.fromArray(LONGS, planes, p * words + w).and(code).lanewise(BIT_COUNT);
  }

  private LongVector halfPlane(int p, int w, LongVector code) {
    return LongVector.fromArray(HALF, planes, p * words + w).and(code).lanewise(BIT_COUNT);
  }

  /**
   * The words after the whole steps (a half-width step where it fits, then one by one), then the
   * bytes of a last partial word.
   */
  private long tail(long at) {
    long dot = 0;
    int from = wholeSteps;
    if (halfStep != 0) {
      // Its own vectors, not plane(): one call site seeing two shapes makes C2 box them (0161).
      LongVector code =
          LongVector.fromMemorySegment(HALF, codes, at + (long) from * Long.BYTES, ORDER);
      LongVector p0 = halfPlane(0, from, code);
      LongVector p1 = halfPlane(1, from, code).lanewise(LSHL, 1);
      LongVector p2 = halfPlane(2, from, code).lanewise(LSHL, 2);
      LongVector p3 = halfPlane(3, from, code).lanewise(LSHL, 3);
      dot = p0.add(p1).add(p2.add(p3)).reduceLanes(ADD);
      from = halfStep;
    }
    for (int w = from; w < wholeWords; w++) {
      dot += word(w, codes.get(WORD, at + (long) w * Long.BYTES));
    }
    if (wholeWords < words) {
      long d = 0;
      for (int i = wholeWords * Long.BYTES; i < codeBytes; i++) {
        d |= (codes.get(ValueLayout.JAVA_BYTE, at + i) & 0xFFL) << (8 * (i % Long.BYTES));
      }
      dot += word(wholeWords, d);
    }
    return dot;
  }

  private long word(int w, long d) {
    return Long.bitCount(planes[w] & d)
        + ((long) Long.bitCount(planes[words + w] & d) << 1)
        + ((long) Long.bitCount(planes[2 * words + w] & d) << 2)
        + ((long) Long.bitCount(planes[3 * words + w] & d) << 3);
  }
}
