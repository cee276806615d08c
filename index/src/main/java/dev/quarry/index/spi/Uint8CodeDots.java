package dev.quarry.index.spi;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.VectorUtil;

/**
 * Dot products of one 8-bit query with the unsigned 8-bit codes of an index file, each code read at
 * a byte offset: the kernel of an int8 walk (decision 0161).
 *
 * <p>Where the Vector API can run ({@code --add-modules jdk.incubator.vector}, Java 22 or later, at
 * least 256-bit vectors), the codes are read where they lie in the memory-mapped file, without a
 * copy, by {@code PanamaUint8CodeDots}: that class is compiled for Java 22 from {@code
 * src/main/java22} (Java 21's foreign-memory API is a preview) and only loaded when the running JVM
 * offers all three. Elsewhere each code is copied into a scratch array for Lucene's {@link
 * VectorUtil#uint8DotProduct}. Both give the same integer.
 */
public abstract class Uint8CodeDots extends CodeDots {
  private static final MethodHandle VECTORIZED =
      Java22Kernels.factory(
          "PanamaUint8CodeDots",
          MethodType.methodType(Uint8CodeDots.class, RandomAccessInput.class, byte[].class));

  /** Whether codes are read in place with the Vector API in this JVM. */
  public static boolean vectorized() {
    return VECTORIZED != null;
  }

  /**
   * Kernels handed out as {@link #scalar} before the Vector API one, in a fresh JVM (decision
   * 0172): until the JIT compiler has compiled it, the Vector API runs its Java fallback, which
   * made an int8 collection's first search in a process 3× slower than float32's (about 450 ms
   * against 150 ms on 20,000 glosses); a plain loop is quick from its first call. One kernel serves
   * one segment of one search, so this covers a command-line search; a long-running process then
   * switches to the faster kernel.
   */
  static final int COLD_KERNELS = 64;

  private static final AtomicInteger COLD_LEFT = new AtomicInteger(COLD_KERNELS);

  /**
   * The kernel for {@code query} (unsigned codes of {@code query.length} bytes) over {@code codes}:
   * in place with the Vector API where this JVM offers it, after its first {@link #COLD_KERNELS}
   * calls; otherwise copying.
   */
  public static Uint8CodeDots of(RandomAccessInput codes, byte[] query) throws IOException {
    if (VECTORIZED != null) {
      if (COLD_LEFT.get() > 0 && COLD_LEFT.getAndDecrement() > 0) {
        return scalar(codes, query);
      }
      Uint8CodeDots inPlace = vectorKernel(codes, query);
      if (inPlace != null) {
        return inPlace;
      }
    }
    return copying(codes, query);
  }

  /** The Vector API kernel reading codes in place; null where this JVM or the input has none. */
  public static Uint8CodeDots vectorKernel(RandomAccessInput codes, byte[] query)
      throws IOException {
    return VECTORIZED == null
        ? null
        : Java22Kernels.create(() -> (Uint8CodeDots) VECTORIZED.invokeExact(codes, query));
  }

  /** A plain loop over a copy of each code: fast before any JIT compilation (see above). */
  public static Uint8CodeDots scalar(RandomAccessInput codes, byte[] query) {
    return new Copying(codes, query, true);
  }

  /** The portable kernel: each code copied into an array for Lucene's dot product. */
  public static Uint8CodeDots copying(RandomAccessInput codes, byte[] query) {
    return new Copying(codes, query, false);
  }

  private static final class Copying extends Uint8CodeDots {
    private final RandomAccessInput codes;
    private final byte[] query;
    private final byte[] scratch;
    private final boolean plainLoop;

    Copying(RandomAccessInput codes, byte[] query, boolean plainLoop) {
      this.codes = codes;
      this.query = query;
      this.scratch = new byte[query.length];
      this.plainLoop = plainLoop;
    }

    @Override
    public int dot(long at) throws IOException {
      codes.readBytes(at, scratch, 0, scratch.length);
      return plainLoop ? plainDot() : VectorUtil.uint8DotProduct(query, scratch);
    }

    private int plainDot() {
      int sum = 0;
      for (int i = 0; i < scratch.length; i++) {
        sum += (query[i] & 0xFF) * (scratch[i] & 0xFF);
      }
      return sum;
    }
  }
}
