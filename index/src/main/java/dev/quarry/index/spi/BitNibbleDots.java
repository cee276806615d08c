package dev.quarry.index.spi;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import org.apache.lucene.store.RandomAccessInput;

/**
 * Dot products of a 4-bit query, as four bit planes, with the 1-bit codes of an index file, each
 * code read at a byte offset: the kernel of a binary walk (decisions 0120 and 0168), Lucene's
 * {@code int4BitDotProduct} over codes where they lie.
 *
 * <p>Where the Vector API can run (as for {@link Uint8CodeDots}), {@code PanamaBitNibbleDots} reads
 * the codes from the memory-mapped file with vector loads and counts bits with a vector popcount;
 * elsewhere {@link CodeKernels#bitNibbleDot} reads them eight bytes at a time through Lucene's
 * positional reader. Both give the same integer.
 */
public abstract class BitNibbleDots extends CodeDots {
  private static final MethodHandle VECTORIZED =
      Java22Kernels.factory(
          "PanamaBitNibbleDots",
          MethodType.methodType(
              BitNibbleDots.class, RandomAccessInput.class, long[].class, int.class));

  /** Whether codes are read in place with the Vector API in this JVM. */
  public static boolean vectorized() {
    return VECTORIZED != null;
  }

  /**
   * The fastest kernel this JVM offers for the query's {@code planes} ({@link CodeKernels#planes})
   * over codes of {@code codeBytes} in {@code codes}.
   */
  public static BitNibbleDots of(RandomAccessInput codes, long[] planes, int codeBytes)
      throws IOException {
    if (VECTORIZED != null) {
      BitNibbleDots inPlace =
          Java22Kernels.create(
              () -> (BitNibbleDots) VECTORIZED.invokeExact(codes, planes, codeBytes));
      if (inPlace != null) {
        return inPlace;
      }
    }
    return portable(codes, planes, codeBytes);
  }

  /** The portable kernel: {@link CodeKernels#bitNibbleDot}. */
  public static BitNibbleDots portable(RandomAccessInput codes, long[] planes, int codeBytes) {
    return new BitNibbleDots() {
      @Override
      public int dot(long at) throws IOException {
        return (int) CodeKernels.bitNibbleDot(codes, at, codeBytes, planes);
      }
    };
  }

  /**
   * Σ over the bit planes p of popcount(plane_p AND code) · 2^p, the code at byte {@code at} (at
   * most 15 × 8 × its bytes: an int).
   */
  @Override
  public abstract int dot(long at) throws IOException;
}
