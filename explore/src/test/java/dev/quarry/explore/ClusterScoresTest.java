package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values from scikit-learn's documentation examples (v_measure_score,
 * normalized_mutual_info_score, the clustering user guide) and worked by hand.
 */
class ClusterScoresTest {
  /** scikit-learn's argument order: reference labels first, then the clusters. */
  private static ClusterScores score(int[] truth, int[] predicted) {
    return ClusterScores.of(predicted, Arrays.stream(truth).mapToObj(Integer::toString).toList());
  }

  @Test
  void userGuideExample() {
    // labels_true = [0, 0, 0, 1, 1, 1], labels_pred = [0, 0, 1, 1, 2, 2]: homogeneity 0.66...,
    // completeness 0.42..., V-measure 0.51...; by hand I = (2/3) ln 2, H(true) = ln 2,
    // H(pred) = ln 3.
    ClusterScores s = score(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2});
    double mutual = 2 / 3.0 * Math.log(2);
    assertThat(s.mutualInformation()).isEqualTo(mutual, within(1e-12));
    assertThat(s.homogeneity()).isEqualTo(2 / 3.0, within(1e-12));
    assertThat(s.completeness()).isEqualTo(mutual / Math.log(3), within(1e-12));
    assertThat(s.vMeasure()).isEqualTo(0.515803, within(1e-6));
    assertThat(s.nmi()).isEqualTo(mutual / ((Math.log(2) + Math.log(3)) / 2), within(1e-12));
  }

  @Test
  void vMeasureDocstringExamples() {
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1}).vMeasure())
        .isEqualTo(1.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}).vMeasure())
        .isEqualTo(1.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}).vMeasure())
        .isEqualTo(0.8, within(1e-12));
    assertThat(score(new int[] {0, 1, 2, 3}, new int[] {0, 0, 1, 1}).vMeasure())
        .isEqualTo(0.666667, within(1e-6));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}).vMeasure())
        .isEqualTo(0.8, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 1, 2, 3}).vMeasure())
        .isEqualTo(0.666667, within(1e-6));
    assertThat(score(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}).vMeasure())
        .isEqualTo(0.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0}).vMeasure())
        .isEqualTo(0.0, within(1e-12));
  }

  @Test
  void homogeneityAndCompletenessDocstringExamples() {
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}).homogeneity())
        .isEqualTo(1.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0}).homogeneity())
        .isEqualTo(0.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0}).completeness())
        .isEqualTo(1.0, within(1e-12));
    assertThat(score(new int[] {0, 1, 2, 3}, new int[] {0, 0, 1, 1}).completeness())
        .isEqualTo(1.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}).completeness())
        .isEqualTo(0.0, within(1e-12));
  }

  @Test
  void nmiDocstringExamplesAndEqualityWithTheVMeasure() {
    assertThat(score(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}).nmi())
        .isEqualTo(1.0, within(1e-12));
    assertThat(score(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}).nmi())
        .isEqualTo(0.0, within(1e-12));
    ClusterScores s = score(new int[] {0, 0, 1, 2, 2, 2, 3}, new int[] {1, 1, 0, 0, 2, 2, 2});
    assertThat(s.nmi()).isEqualTo(s.vMeasure(), within(1e-12));
  }

  @Test
  void noiseCountsAsOneMoreCluster() {
    List<String> labels = List.of("a", "a", "b", "b");
    assertThat(
            ClusterScores.of(new int[] {Clustering.NOISE, Clustering.NOISE, 0, 0}, labels)
                .vMeasure())
        .isEqualTo(1.0, within(1e-12));
    assertThat(
            ClusterScores.of(new int[] {Clustering.NOISE, 0, Clustering.NOISE, 0}, labels)
                .vMeasure())
        .isEqualTo(0.0, within(1e-12));
  }
}
