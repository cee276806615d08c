package dev.quarry.index;

import dev.quarry.core.Vectors;
import java.util.Random;

/** Seeded test data. Every randomized test prints its seed; re-run with -Dquarry.seed=N. */
final class TestVectors {
  private TestVectors() {}

  static long seed(String test) {
    String fixed = System.getProperty("quarry.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println(test + ": seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    return seed;
  }

  /** Unit vectors around {@code clusters} random centres: structure like real embeddings. */
  static float[][] clustered(Random random, int count, int dims, int clusters, double spread) {
    float[][] centres = new float[clusters][dims];
    for (float[] c : centres) {
      for (int i = 0; i < dims; i++) {
        c[i] = (float) random.nextGaussian();
      }
      Vectors.normalizeInPlace(c);
    }
    float[][] out = new float[count][dims];
    for (int n = 0; n < count; n++) {
      float[] c = centres[random.nextInt(clusters)];
      for (int i = 0; i < dims; i++) {
        out[n][i] = c[i] + (float) (spread * random.nextGaussian() / Math.sqrt(dims));
      }
      Vectors.normalizeInPlace(out[n]);
    }
    return out;
  }
}
