package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcaTest {
  /**
   * Points t·(1, 1, 0) + s·(0, 0, 1) + (5, 5, 5) with t spread over ±2 and s over ±0.3: the first
   * component is t·√2, the second s, both centred.
   */
  @Test
  void findsTheDirectionsOfLargestVariance() {
    List<float[]> points = new ArrayList<>();
    double[] ts = {-2, -1, 0, 1, 2};
    double[] ss = {-0.3, 0.3, 0, 0.3, -0.3};
    for (int i = 0; i < ts.length; i++) {
      points.add(new float[] {(float) (5 + ts[i]), (float) (5 + ts[i]), (float) (5 + ss[i])});
    }
    float[][] xy = Pca.project(points, 2);
    for (int i = 0; i < ts.length; i++) {
      assertThat(xy[i][0]).isCloseTo((float) (ts[i] * Math.sqrt(2)), within(1e-4f));
      // The second axis is ±(0, 0, 1); its sign is fixed by its largest coefficient: +.
      assertThat(xy[i][1]).isCloseTo((float) ss[i], within(1e-4f));
    }
  }
}
