package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UmapCurveTest {
  /** umap-learn 0.5's find_ab_params(1.0, min_dist) for 0, 0.1 and 0.5. */
  @Test
  void fitsUmapLearnsParameters() {
    assertThat(UmapCurve.fit(0f)).containsExactly(new float[] {1.929f, 0.7915f}, within(0.01f));
    assertThat(UmapCurve.fit(0.1f)).containsExactly(new float[] {1.577f, 0.8951f}, within(0.01f));
    assertThat(UmapCurve.fit(0.5f)).containsExactly(new float[] {0.583f, 1.334f}, within(0.01f));
  }
}
