package dev.quarry.bench.ann;

import dev.quarry.core.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A large 384-d corpus grown from real embeddings: vector {@code i} is a copy of seed vector {@code
 * i mod S} (S seed vectors); copy 0 is the seed itself, copy {@code c ≥ 1} adds Gaussian noise of
 * expected norm {@code noise} (each coordinate N(0, noise²/d)) drawn from a {@link
 * SplittableRandom} seeded with {@code seed + i}, then scales to unit length. A vector is thus a
 * function of (seeds, i, noise, seed) alone, and every run regenerates the same corpus.
 */
final class ScaleVectors {
  private ScaleVectors() {}

  static List<float[]> generate(List<float[]> seeds, int n, double noise, long seed) {
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(vector(seeds, i, noise, seed));
    }
    return out;
  }

  static float[] vector(List<float[]> seeds, int i, double noise, long seed) {
    float[] v = seeds.get(i % seeds.size()).clone();
    if (i >= seeds.size()) {
      SplittableRandom random = new SplittableRandom(seed + i);
      double sigma = noise / Math.sqrt(v.length);
      for (int d = 0; d < v.length; d++) {
        v[d] += (float) (random.nextGaussian() * sigma);
      }
    }
    return Vectors.normalizeInPlace(v);
  }
}
