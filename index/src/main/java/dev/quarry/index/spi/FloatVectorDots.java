package dev.quarry.index.spi;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import org.apache.lucene.store.RandomAccessInput;

/**
 * Dot products and squared distances of one float32 query with the float32 vectors of an index
 * file, each read where it lies in the memory-mapped file at a byte offset: the kernel of a float32
 * walk (decision 0167). Several vectors per pass share the query's loads and overlap their reads.
 *
 * <p>Only where the Vector API can run in place ({@code --add-modules jdk.incubator.vector}, Java
 * 22 or later, at least 256-bit vectors, a mapped file): the kernel, {@code PanamaFloatVectorDots},
 * is compiled for Java 22 from {@code src/main/java22}. Elsewhere {@link #of} answers null and the
 * walk keeps Lucene's own scorer.
 */
public abstract class FloatVectorDots {
  private static final MethodHandle VECTORIZED =
      Java22Kernels.factory(
          "PanamaFloatVectorDots",
          MethodType.methodType(FloatVectorDots.class, RandomAccessInput.class, float[].class));

  /** Whether this JVM has the in-place kernel. */
  public static boolean vectorized() {
    return VECTORIZED != null;
  }

  /**
   * The in-place kernel for {@code query} over {@code vectors} (little-endian floats, {@code
   * query.length} a vector); null where this JVM or this file (not one mapped segment) has none.
   */
  public static FloatVectorDots of(RandomAccessInput vectors, float[] query) throws IOException {
    if (VECTORIZED == null) {
      return null;
    }
    try {
      return (FloatVectorDots) VECTORIZED.invokeExact(vectors, query);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** The query · the vector at byte offset {@code at}. */
  public abstract float dot(long at);

  /** {@code dots[i] = dot(at[i])} for {@code i < count}, several vectors per pass. */
  public abstract void dots(long[] at, float[] dots, int count);

  /** The squared Euclidean distance of the query and the vector at byte offset {@code at}. */
  public abstract float squareDistance(long at);

  /** {@code distances[i] = squareDistance(at[i])} for {@code i < count}, several per pass. */
  public abstract void squareDistances(long[] at, float[] distances, int count);
}
