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
 * The in-place 1-bit × 4-bit dot product of binary codes (decision 0168). The query's four bit
 * planes are regrouped word by word, so that one four-lane vector holds word w of planes 0–3. Per
 * word of the code (read from the memory-mapped file), the word is broadcast to the four lanes,
 * ANDed with that vector and counted with a lane-wise popcount ({@code VPOPCNTQ} on AVX-512); the
 * plane weights 1, 2, 4, 8 are applied once per code, as shifts, before the one reduction. One
 * vector shape throughout (two shapes in one kernel made C2 box the vectors: decision 0161). A
 * walk's bulk scoring dots four codes per pass, each word vector of the query read once for the
 * four. Compiled for Java 22 (see {@link BitNibbleDots}, which alone loads it).
 */
final class PanamaBitNibbleDots extends BitNibbleDots {
  private static final VectorSpecies<Long> PLANES = LongVector.SPECIES_256;

  /** Narrower preferred vectors (no AVX2): the Vector API would be no faster than scalar counts. */
  private static final boolean WIDE_ENOUGH = LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

  private static final ValueLayout.OfLong WORD =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Shifts by plane: 2^p. */
  private static final LongVector WEIGHTS =
      LongVector.fromArray(PLANES, new long[] {0, 1, 2, 3}, 0);

  private final MemorySegment codes;
  private final int codeBytes;
  private final int wholeWords;

  /** Word w of plane p at {@code 4 × w + p}; a last partial word padded with zeros. */
  private final long[] byWord;

  private PanamaBitNibbleDots(MemorySegment codes, long[] planes, int codeBytes) {
    this.codes = codes;
    this.codeBytes = codeBytes;
    this.wholeWords = codeBytes / Long.BYTES;
    int words = planes.length / 4;
    this.byWord = new long[4 * words];
    for (int w = 0; w < words; w++) {
      for (int p = 0; p < 4; p++) {
        byWord[4 * w + p] = planes[p * words + w];
      }
    }
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
  public int dot(long at) {
    LongVector counts = LongVector.zero(PLANES);
    for (int w = 0; w < wholeWords; w++) {
      LongVector query = LongVector.fromArray(PLANES, byWord, 4 * w);
      counts = counts.add(query.and(word(at, w)).lanewise(BIT_COUNT));
    }
    if (wholeWords * Long.BYTES < codeBytes) {
      LongVector query = LongVector.fromArray(PLANES, byWord, 4 * wholeWords);
      counts = counts.add(query.and(partialWord(at)).lanewise(BIT_COUNT));
    }
    return (int) counts.lanewise(LSHL, WEIGHTS).reduceLanes(ADD);
  }

  /**
   * Four codes per pass: their loads overlap, and each word vector of the query is read once for
   * the four.
   */
  @Override
  public void dots(long[] at, int[] dots, int count) {
    int i = 0;
    for (; i + 4 <= count; i += 4) {
      dots4(at, i, dots);
    }
    for (; i < count; i++) {
      dots[i] = dot(at[i]);
    }
  }

  private void dots4(long[] at, int from, int[] dots) {
    long a0 = at[from];
    long a1 = at[from + 1];
    long a2 = at[from + 2];
    long a3 = at[from + 3];
    LongVector c0 = LongVector.zero(PLANES);
    LongVector c1 = c0;
    LongVector c2 = c0;
    LongVector c3 = c0;
    for (int w = 0; w < wholeWords; w++) {
      LongVector query = LongVector.fromArray(PLANES, byWord, 4 * w);
      c0 = c0.add(query.and(word(a0, w)).lanewise(BIT_COUNT));
      c1 = c1.add(query.and(word(a1, w)).lanewise(BIT_COUNT));
      c2 = c2.add(query.and(word(a2, w)).lanewise(BIT_COUNT));
      c3 = c3.add(query.and(word(a3, w)).lanewise(BIT_COUNT));
    }
    if (wholeWords * Long.BYTES < codeBytes) {
      // 784 dimensions: 98 bytes, 12 words and 2 bytes.
      LongVector query = LongVector.fromArray(PLANES, byWord, 4 * wholeWords);
      c0 = c0.add(query.and(partialWord(a0)).lanewise(BIT_COUNT));
      c1 = c1.add(query.and(partialWord(a1)).lanewise(BIT_COUNT));
      c2 = c2.add(query.and(partialWord(a2)).lanewise(BIT_COUNT));
      c3 = c3.add(query.and(partialWord(a3)).lanewise(BIT_COUNT));
    }
    dots[from] = (int) c0.lanewise(LSHL, WEIGHTS).reduceLanes(ADD);
    dots[from + 1] = (int) c1.lanewise(LSHL, WEIGHTS).reduceLanes(ADD);
    dots[from + 2] = (int) c2.lanewise(LSHL, WEIGHTS).reduceLanes(ADD);
    dots[from + 3] = (int) c3.lanewise(LSHL, WEIGHTS).reduceLanes(ADD);
  }

  /** Word {@code w} of the code at {@code at}. */
  private long word(long at, int w) {
    return codes.get(WORD, at + (long) w * Long.BYTES);
  }

  /** The bytes of a last partial word, little-endian, zero-padded. */
  private long partialWord(long at) {
    long word = 0;
    for (int i = wholeWords * Long.BYTES; i < codeBytes; i++) {
      word |= (codes.get(ValueLayout.JAVA_BYTE, at + i) & 0xFFL) << (8 * (i % Long.BYTES));
    }
    return word;
  }
}
