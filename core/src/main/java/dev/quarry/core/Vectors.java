package dev.quarry.core;

/** Small vector routines shared by embedding and search; one place for each rule. */
public final class Vectors {
  private Vectors() {}

  /** Dot product; equals cosine for unit vectors. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw QuarryException.invalid("vector dimensions differ: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return (float) sum;
  }

  /** Euclidean length. */
  public static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales {@code v} in place to unit length. A zero vector stays zero: there is no direction to
   * keep, and inventing one would make unrelated texts look similar.
   */
  public static float[] normalizeInPlace(float[] v) {
    double n = norm(v);
    if (n > 0) {
      float inv = (float) (1.0 / n);
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  /**
   * Matryoshka-style truncation: keeps the first {@code dimensions} components and re-normalizes.
   * Returns {@code v} itself when no truncation is needed.
   */
  public static float[] truncate(float[] v, int dimensions) {
    if (dimensions <= 0 || dimensions > v.length) {
      throw QuarryException.invalid(
          "cannot truncate a "
              + v.length
              + "-d vector to "
              + dimensions
              + " dimensions: choose 1.."
              + v.length);
    }
    if (dimensions == v.length) {
      return v;
    }
    float[] out = new float[dimensions];
    System.arraycopy(v, 0, out, 0, dimensions);
    return normalizeInPlace(out);
  }
}
