package dev.quarry.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded random samples of a collection's vectors. */
final class Samples {
  private Samples() {}

  /** {@code m} distinct indices of {@code 0..n-1}, seeded, in increasing order. */
  static int[] indices(int n, int m, long seed) {
    int[] all = IntStream.range(0, n).toArray();
    Random random = new Random(seed);
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = Arrays.copyOf(all, m);
    Arrays.sort(out);
    return out;
  }

  /** The vectors at {@code indices}, in that order. */
  static List<float[]> pick(List<float[]> vectors, int[] indices) {
    List<float[]> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(vectors.get(i));
    }
    return out;
  }
}
