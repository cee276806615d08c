package dev.quarry.index.spi;

import java.io.IOException;
import org.apache.lucene.store.RandomAccessInput;

/**
 * Similarity kernels over quantized codes read where they lie in an index file, for the in-place
 * scorer of quantized walks (decision 0120) and its JMH benchmark ({@code VectorKernels}).
 */
public final class CodeKernels {
  private CodeKernels() {}

  /**
   * A query transposed into four bit planes of {@code planeBytes} each (Lucene's {@code
   * transposeHalfByte} layout), as little-endian longs, each plane padded to whole longs.
   */
  public static long[] planes(byte[] transposed, int planeBytes) {
    int words = (planeBytes + Long.BYTES - 1) / Long.BYTES;
    long[] planes = new long[4 * words];
    for (int p = 0; p < 4; p++) {
      for (int i = 0; i < planeBytes; i++) {
        planes[p * words + i / Long.BYTES] |=
            (transposed[p * planeBytes + i] & 0xFFL) << (8 * (i % Long.BYTES));
      }
    }
    return planes;
  }

  /**
   * Σ over the query's bit planes p of popcount(plane_p AND doc) · 2^p, the doc being the {@code
   * codeBytes} 1-bit code at {@code at}: Lucene's {@code int4BitDotProduct}, eight bytes at a time
   * straight from the file instead of from a copy.
   */
  public static long bitNibbleDot(RandomAccessInput codes, long at, int codeBytes, long[] planes)
      throws IOException {
    int words = planes.length / 4;
    long p0 = 0;
    long p1 = 0;
    long p2 = 0;
    long p3 = 0;
    int whole = codeBytes / Long.BYTES;
    for (int w = 0; w < whole; w++) {
      long d = codes.readLong(at + (long) w * Long.BYTES);
      p0 += Long.bitCount(planes[w] & d);
      p1 += Long.bitCount(planes[words + w] & d);
      p2 += Long.bitCount(planes[2 * words + w] & d);
      p3 += Long.bitCount(planes[3 * words + w] & d);
    }
    if (whole < words) {
      long d = 0;
      for (int i = whole * Long.BYTES; i < codeBytes; i++) {
        d |= (codes.readByte(at + i) & 0xFFL) << (8 * (i % Long.BYTES));
      }
      p0 += Long.bitCount(planes[whole] & d);
      p1 += Long.bitCount(planes[words + whole] & d);
      p2 += Long.bitCount(planes[2 * words + whole] & d);
      p3 += Long.bitCount(planes[3 * words + whole] & d);
    }
    return p0 + (p1 << 1) + (p2 << 2) + (p3 << 3);
  }
}
