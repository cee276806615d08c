package dev.quarry.explore;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Distinguishable colours for n labels: Tableau's ten first (the usual categorical palette), then
 * hues a golden angle apart, cycling through three saturation and brightness levels; slightly
 * transparent so that dense regions show their mix.
 */
final class Palette {
  private static final float[][] LEVELS = {{0.75f, 0.85f}, {0.55f, 0.6f}, {0.9f, 0.95f}};

  private Palette() {}

  private static final int[] FIRST = {
    0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f,
    0xbab0ac
  };

  static List<Color> colours(int n) {
    List<Color> out = new ArrayList<>(n);
    for (int i = 0; i < Math.min(n, FIRST.length); i++) {
      Color c = new Color(FIRST[i]);
      out.add(new Color(c.getRed(), c.getGreen(), c.getBlue(), 180));
    }
    for (int i = FIRST.length; i < n; i++) {
      float hue = (float) ((i * 0.381966) % 1.0);
      float[] level = LEVELS[i % LEVELS.length];
      Color c = Color.getHSBColor(hue, level[0], level[1]);
      out.add(new Color(c.getRed(), c.getGreen(), c.getBlue(), 180));
    }
    return out;
  }

  /** {@code c} as #rrggbb, for the HTML map. */
  static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
