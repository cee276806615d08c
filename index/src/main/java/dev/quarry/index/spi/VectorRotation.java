package dev.quarry.index.spi;

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
 * never changes for a given id (float32 arithmetic in this order; another order would differ only
 * in rounding). Costs {@code O(d log d)}: about 20,000 additions for 784 dimensions.
 *
 * <p>Immutable and thread-safe.
 */
public final class VectorRotation {
  /** Manifest name of this transform; a new transform gets a new name. */
  public static final String ID = "hadamard-4";

  private static final int ROUNDS = 4;
  private static final long SEED = 0x51_75_61_72_72_79_00_01L;
  private static final float HALF_SQRT2 = (float) Math.sqrt(0.5);

  private final int dimensions;
  private final int block;
  private final float blockScale;

  /** Per round, each coordinate's sign: 1 or -1. */
  private final float[][] signs;

  private VectorRotation(int dimensions) {
    this.dimensions = dimensions;
    this.block = Integer.highestOneBit(dimensions);
    this.blockScale = (float) (1 / Math.sqrt(block));
    SplittableRandom random = new SplittableRandom(SEED ^ dimensions);
    signs = new float[ROUNDS][dimensions];
    for (float[] round : signs) {
      for (int i = 0; i < dimensions; i++) {
        round[i] = random.nextBoolean() ? -1 : 1;
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
    float[] x = vector.clone();
    for (int round = 0; round < ROUNDS; round++) {
      float[] sign = signs[round];
      for (int i = 0; i < dimensions; i++) {
        x[i] *= sign[i];
      }
      hadamard(x, round % 2 == 0 ? 0 : dimensions - block);
      if (block < dimensions) {
        fold(x);
      }
    }
    return x;
  }

  /** Normalized Walsh–Hadamard transform of {@code x[from, from + block)}, in place. */
  private void hadamard(float[] x, int from) {
    int end = from + block;
    int h = 1;
    if (block >= 8) {
      // The three narrowest levels in one pass of eight: strided loops the compiler would not
      // vectorize (a third of the transform's time on 784 dimensions without this).
      for (int i = from; i < end; i += 8) {
        eight(x, i);
      }
      h = 8;
    }
    Butterflies.BEST.levels(x, from, block, h);
    for (int i = from; i < end; i++) {
      x[i] *= blockScale;
    }
  }

  /** Levels 1, 2 and 4 of the transform on {@code x[i, i + 8)}. */
  private static void eight(float[] x, int i) {
    float a0 = x[i] + x[i + 1];
    float a1 = x[i] - x[i + 1];
    float a2 = x[i + 2] + x[i + 3];
    float a3 = x[i + 2] - x[i + 3];
    float a4 = x[i + 4] + x[i + 5];
    float a5 = x[i + 4] - x[i + 5];
    float a6 = x[i + 6] + x[i + 7];
    float a7 = x[i + 6] - x[i + 7];
    float b0 = a0 + a2;
    float b1 = a1 + a3;
    float b2 = a0 - a2;
    float b3 = a1 - a3;
    float b4 = a4 + a6;
    float b5 = a5 + a7;
    float b6 = a4 - a6;
    float b7 = a5 - a7;
    x[i] = b0 + b4;
    x[i + 1] = b1 + b5;
    x[i + 2] = b2 + b6;
    x[i + 3] = b3 + b7;
    x[i + 4] = b0 - b4;
    x[i + 5] = b1 - b5;
    x[i + 6] = b2 - b6;
    x[i + 7] = b3 - b7;
  }

  /** Rotates each {@code x[i]} with {@code x[i + d/2]} by 45°: mixes the two halves. */
  private void fold(float[] x) {
    Butterflies.BEST.fold(x, dimensions / 2, HALF_SQRT2);
  }
}
