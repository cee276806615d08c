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

  /** {@code perClass} points around each of {@code classes} centres, labelled "c0".. in order. */
  private static List<float[]> blobs(int classes, int perClass, double noise, List<String> labels) {
    java.util.Random random = new java.util.Random(5);
    List<float[]> out = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      float[] centre = Blobs.gaussian(random, 3);
      for (int i = 0; i < perClass; i++) {
        float[] v = Blobs.gaussian(random, noise);
        for (int d = 0; d < v.length; d++) {
          v[d] += centre[d];
        }
        out.add(v);
        labels.add("c" + c);
      }
    }
    return out;
  }

  @Test
  void hdbscanFindsTheClustersAndLeavesFarPointsAsNoise() {
    List<String> labels = new ArrayList<>();
    List<float[]> vectors = blobs(3, 40, 0.1, labels);
    java.util.Random far = new java.util.Random(6);
    for (int i = 0; i < 4; i++) {
      vectors.add(Blobs.gaussian(far, 30));
      labels.add("far" + i);
    }
    Clustering clustering = Hdbscan.run(vectors, 10, Hdbscan.DEFAULT_SAMPLE, 1, 3);
    assertThat(clustering.clusters()).isEqualTo(3);
    assertThat(clustering.sizes()).containsOnly(40);
    for (int i = 120; i < 124; i++) {
      assertThat(clustering.assignment()[i]).isEqualTo(Clustering.NOISE);
    }
  }

  @Test
  void hdbscanOnASampleAssignsTheRestToTheirClusters() {
    List<String> labels = new ArrayList<>();
    List<float[]> vectors = blobs(4, 100, 0.1, labels);
    Clustering clustering = Hdbscan.run(vectors, 40, 100, 1, 3);
    assertThat(clustering.clusters()).isEqualTo(4);
    assertThat(clustering.noise()).isLessThan(20);
    assertThat(ClusterScores.of(clustering.assignment(), labels).vMeasure()).isGreaterThan(0.9);
  }

  @Test
  void hdbscanAfterUmapReductionRecoversTheBlobs() {
    try (Collection c = Blobs.create(dir, 4, 50, 0.15, 0, 12)) {
      Points points = Points.of(c, "cluster");
      List<float[]> vectors = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        vectors.add(points.vector(i));
        ids.add(points.get(i).id());
        labels.add(points.label(i, "label"));
      }
      List<float[]> reduced = UmapReduction.reduce(c, ids, vectors, 5, 7, 1, MapProgress.none());
      assertThat(reduced).hasSize(200).allSatisfy(v -> assertThat(v).hasSize(5));
      Clustering clustering = Hdbscan.run(reduced, 20, Hdbscan.DEFAULT_SAMPLE, 1, 3);
      assertThat(clustering.clusters()).isEqualTo(4);
      assertThat(ClusterScores.of(clustering.assignment(), labels).vMeasure()).isGreaterThan(0.9);
    }
  }

  @Test
  void umapReductionRefusesBadDimensionsInOneLine() {
    try (Collection c = Blobs.create(dir, 2, 5, 0.15, 0, 12)) {
      Points points = Points.of(c, "cluster");
      List<float[]> vectors = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        vectors.add(points.vector(i));
        ids.add(points.get(i).id());
      }
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> UmapReduction.reduce(c, ids, vectors, 16, 7, 1, MapProgress.none()))
          .isInstanceOf(dev.quarry.core.QuarryException.class)
          .hasMessage("reduce-dims must be between 2 and 15, got 16");
    }
  }

  @Test
  void autoChoosesTheNumberOfSeparatedClusters() {
    List<float[]> vectors = blobs(4, 50, 0.1, new ArrayList<>());
    AutoK.Choice choice = AutoK.choose(vectors, 30, 1, 3);
    assertThat(choice.k()).isEqualTo(4);
    assertThat(choice.candidates())
        .extracting(AutoK.Candidate::k)
        .containsExactly(2, 3, 4, 6, 8, 12, 16);
  }

  @Test
  void autoRefusesTooFewDocumentsInOneLine() {
    List<float[]> vectors = blobs(2, 5, 0.1, new ArrayList<>());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AutoK.choose(vectors, 30, 1, 3))
        .isInstanceOf(dev.quarry.core.QuarryException.class)
        .hasMessage("choosing k needs at least 20 documents, the collection has 10: give --k");
  }
}
