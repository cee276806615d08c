package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.Collection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusteringTest {
  @TempDir Path dir;

  @Test
  void kMeansRecoversSeparatedClusters() {
    try (Collection c = Blobs.create(dir, 4, 30, 0.15, 0, 12)) {
      Points points = Points.of(c, "cluster");
      List<float[]> vectors = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        vectors.add(points.vector(i));
        labels.add(points.label(i, "label"));
      }
      Clustering clustering = KMeans.run(vectors, 4, 30, 1, 7);
      assertThat(clustering.sizes()).containsOnly(30);
      assertThat(ClusterScores.of(clustering.assignment(), labels).vMeasure())
          .isEqualTo(1.0, within(1e-9));
    }
  }

  @Test
  void scoresMatchHandComputedValues() {
    // Each cluster holds one label (homogeneity 1); each label spreads over two clusters
    // (completeness 1/2, as I(L;C) = log 2 and H(C) = log 4).
    int[] clusters = {0, 1, 2, 3};
    List<String> labels = List.of("a", "a", "b", "b");
    ClusterScores s = ClusterScores.of(clusters, labels);
    assertThat(s.homogeneity()).isEqualTo(1.0, within(1e-12));
    assertThat(s.completeness()).isEqualTo(0.5, within(1e-12));
    assertThat(s.vMeasure()).isEqualTo(2 / 3.0, within(1e-12));
    assertThat(ClusterScores.of(new int[] {0, 0, 0, 0}, labels).homogeneity())
        .isEqualTo(0.0, within(1e-12));
  }
}
