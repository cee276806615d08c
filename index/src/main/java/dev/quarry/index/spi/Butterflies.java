package dev.quarry.index.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * The wide steps of {@link VectorRotation}: the levels of a Walsh–Hadamard transform whose pairs
 * lie eight or more apart, and the fold of two halves. Both pair {@code x[j]} with {@code x[j +
 * h]}, a pattern the JIT compiler does not vectorize on its own (it cannot tell the two ranges
 * apart). Where the Vector API can run, {@code PanamaButterflies} does them eight or sixteen pairs
 * at a time (decision 0182); elsewhere the portable loops below. Both do the same float operations
 * on the same pairs, so they give the same bits.
 */
abstract class Butterflies {
  private static final MethodHandle VECTORIZED =
      Java22Kernels.factory("PanamaButterflies", MethodType.methodType(Butterflies.class));

  /** The fastest kernel this JVM offers. */
  static final Butterflies BEST = best();

  private static Butterflies best() {
    if (VECTORIZED != null) {
      try {
        Butterflies vectorized = Java22Kernels.create(() -> (Butterflies) VECTORIZED.invokeExact());
        if (vectorized != null) {
          return vectorized;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // the factory only constructs: no input is read
      }
    }
    return portable();
  }

  /** The portable kernel: plain loops. */
  static Butterflies portable() {
    return new Butterflies() {};
  }

  /**
   * Levels {@code h, 2h, …} below {@code block} of the unnormalized transform of {@code x[from,
   * from + block)}: each pair {@code (x[j], x[j + h])} becomes {@code (x[j] + x[j + h], x[j] - x[j
   * + h])}.
   */
  void levels(float[] x, int from, int block, int h) {
    for (; h < block; h <<= 1) {
      level(x, from, from + block, h);
    }
  }

  /** Level {@code h} of the transform of {@code x[from, end)}. */
  static void level(float[] x, int from, int end, int h) {
    for (int i = from; i < end; i += h << 1) {
      for (int j = i; j < i + h; j++) {
        float a = x[j];
        float b = x[j + h];
        x[j] = a + b;
        x[j + h] = a - b;
      }
    }
  }

  /**
   * Each pair {@code (x[i], x[i + half])}, {@code i < half}, becomes {@code ((a + b) c, (a - b)
   * c)}.
   */
  void fold(float[] x, int half, float c) {
    for (int i = 0; i < half; i++) {
      float a = x[i];
      float b = x[i + half];
      x[i] = (a + b) * c;
      x[i + half] = (a - b) * c;
    }
  }
}
