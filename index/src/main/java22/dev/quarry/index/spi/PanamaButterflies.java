package dev.quarry.index.spi;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Butterflies} with the Vector API: the pairs of a level or fold taken eight at a time
 * (decision 0182). Lanes add and subtract exactly as the portable loops do, so the transform's bits
 * do not change. Compiled for Java 22 (see {@link Butterflies}, which alone loads it).
 */
final class PanamaButterflies extends Butterflies {
  /**
   * One shape throughout: a kernel using two made C2 box the vectors (decision 0161), and the
   * narrowest level the vectors take pairs eight apart.
   */
  private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;

  private PanamaButterflies() {}

  /** Null where vectors are narrower than eight floats: the portable loops are as fast. */
  static Butterflies inPlace() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new PanamaButterflies() : null;
  }

  @Override
  void levels(float[] x, int from, int block, int h) {
    int end = from + block;
    for (; h < block; h <<= 1) {
      if (h < EIGHT.length()) {
        level(x, from, end, h);
        continue;
      }
      int lanes = EIGHT.length();
      for (int i = from; i < end; i += h << 1) {
        for (int j = i; j < i + h; j += lanes) {
          FloatVector a = FloatVector.fromArray(EIGHT, x, j);
          FloatVector b = FloatVector.fromArray(EIGHT, x, j + h);
          a.add(b).intoArray(x, j);
          a.sub(b).intoArray(x, j + h);
        }
      }
    }
  }

  @Override
  void fold(float[] x, int half, float c) {
    int lanes = EIGHT.length();
    int i = 0;
    for (; i + lanes <= half; i += lanes) {
      FloatVector a = FloatVector.fromArray(EIGHT, x, i);
      FloatVector b = FloatVector.fromArray(EIGHT, x, i + half);
      a.add(b).mul(c).intoArray(x, i);
      a.sub(b).mul(c).intoArray(x, i + half);
    }
    for (; i < half; i++) {
      float a = x[i];
      float b = x[i + half];
      x[i] = (a + b) * c;
      x[i + half] = (a - b) * c;
    }
  }
}
