package dev.quarry.index.internal;

import dev.quarry.core.QuarryException;
import java.util.SplittableRandom;

/**
 * A fixed pseudo-random orthogonal transform of the vectors a Lucene index holds, so that one-bit
 * codes carry information in every dimension (decision 0180). A binary code spends one bit on each
 * dimension; where the variance sits in a few dimensions (pixels at an image's border are always
 * black) most bits say nothing and the codes rank neighbours poorly. Rotated, each coordinate mixes
 * all of them and the variance spreads evenly. Dot products and distances are those of the vectors
 * as given (the transform is orthogonal), so scores do not change beyond float rounding; queries go
 * through the same transform.
 *
 * <p>The transform, for {@code d} dimensions and {@code p} the largest power of two ≤ {@code d}:
 * {@value #ROUNDS} rounds of random signs on every coordinate, then a normalized Walsh–Hadamard
 * transform of the first {@code p} coordinates (even rounds) or the last {@code p} (odd rounds),
 * then, where {@code p < d}, a fold that rotates each coordinate {@code i < d/2} with {@code i +
 * d/2} by 45°. The signs come from {@link SplittableRandom} seeded with {@link #SEED} and {@code
 * d}: the transform is part of the on-disk format, named by {@link #id()} in the manifest, and
 * never changes for a given id. Costs {@code O(d log d)}: about 20,000 additions for 784
 * dimensions.
 *
 * <p>Immutable and thread-safe.
 */
public final class VectorRotation {
  /** Manifest name of this transform; a new transform gets a new name. */
  public static final String ID = "hadamard-4";

  private static final int ROUNDS = 4;
  private static final long SEED = 0x51_75_61_72_72_79_00_01L;
  private static final double HALF_SQRT2 = Math.sqrt(0.5);

  private final int dimensions;
  private final int block;
  private final double blockScale;
  private final boolean[][] flips;

  private VectorRotation(int dimensions) {
    this.dimensions = dimensions;
    this.block = Integer.highestOneBit(dimensions);
    this.blockScale = 1 / Math.sqrt(block);
    SplittableRandom random = new SplittableRandom(SEED ^ dimensions);
    flips = new boolean[ROUNDS][dimensions];
    for (boolean[] round : flips) {
      for (int i = 0; i < dimensions; i++) {
        round[i] = random.nextBoolean();
      }
    }
  }

  /** The transform named {@code id} for {@code dimensions}-d vectors. */
  public static VectorRotation of(String id, int dimensions) {
    if (!ID.equals(id)) {
      throw new QuarryException(
          QuarryException.Kind.INCOMPATIBLE,
          "vector rotation '" + id + "' is not known to this Quarry (it knows " + ID + ")");
    }
    return new VectorRotation(dimensions);
  }

  public String id() {
    return ID;
  }

  /** The rotated copy of {@code vector}; the argument is left as it is. */
  public float[] apply(float[] vector) {
    if (vector.length != dimensions) {
      throw QuarryException.invalid(
          "expected a " + dimensions + "-d vector, got " + vector.length + " dimensions");
    }
    double[] x = new double[dimensions];
    for (int i = 0; i < dimensions; i++) {
      x[i] = vector[i];
    }
    for (int round = 0; round < ROUNDS; round++) {
      boolean[] flip = flips[round];
      for (int i = 0; i < dimensions; i++) {
        if (flip[i]) {
          x[i] = -x[i];
        }
      }
      hadamard(x, round % 2 == 0 ? 0 : dimensions - block);
      if (block < dimensions) {
        fold(x);
      }
    }
    float[] out = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  /** Normalized Walsh–Hadamard transform of {@code x[from, from + block)}, in place. */
  private void hadamard(double[] x, int from) {
    int end = from + block;
    for (int h = 1; h < block; h <<= 1) {
      for (int i = from; i < end; i += h << 1) {
        for (int j = i; j < i + h; j++) {
          double a = x[j];
          double b = x[j + h];
          x[j] = a + b;
          x[j + h] = a - b;
        }
      }
    }
    for (int i = from; i < end; i++) {
      x[i] *= blockScale;
    }
  }

  /** Rotates each {@code x[i]} with {@code x[i + d/2]} by 45°: mixes the two halves. */
  private void fold(double[] x) {
    int half = dimensions / 2;
    for (int i = 0; i < half; i++) {
      double a = x[i];
      double b = x[i + half];
      x[i] = (a + b) * HALF_SQRT2;
      x[i + half] = (a - b) * HALF_SQRT2;
    }
  }
}
