package dev.quarry.index.spi;

import java.io.IOException;

/**
 * Dot products of one quantized query with the codes of an index file, each code read at a byte
 * offset where it lies: the kernel of a quantized walk (decisions 0120, 0161, 0168). {@link
 * Uint8CodeDots} for int8 codes, {@link BitNibbleDots} for binary ones.
 */
public abstract class CodeDots {
  /** The query · the code at byte offset {@code at}. */
  public abstract int dot(long at) throws IOException;

  /** {@code dots[i] = dot(at[i])} for {@code i < count}; faster where a kernel overlaps them. */
  public void dots(long[] at, int[] dots, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      dots[i] = dot(at[i]);
    }
  }
}
