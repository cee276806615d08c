package dev.quarry.explore;

/** Vectors as Tribuo examples: one named feature per dimension. */
final class Features {
  private Features() {}

  /** "d0000".. : sorted names, since Tribuo keeps an example's features in name order. */
  static String[] names(int dimensions) {
    String[] names = new String[dimensions];
    for (int d = 0; d < dimensions; d++) {
      names[d] = String.format("d%04d", d);
    }
    return names;
  }

  static double[] values(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
