package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnClassifierTest {
  @TempDir Path dir;

  @Test
  void graphAndExactAgreeOnSeparatedClusters() {
    try (Collection c = Blobs.create(dir, 4, 60, 0.25, 0, 1)) {
      Points points = Points.of(c, "classify");
      ConfusionTable graph =
          CrossValidation.knnLeaveOneOut(
              KnnClassifier.over(c, points, "label", 5, KnnClassifier.Search.GRAPH),
              points,
              "label");
      ConfusionTable exact =
          CrossValidation.knnLeaveOneOut(
              KnnClassifier.over(c, points, "label", 5, KnnClassifier.Search.EXACT),
              points,
              "label");
      assertThat(graph.total()).isEqualTo(240);
      assertThat(exact.accuracy()).isGreaterThan(0.95);
      assertThat(graph.accuracy()).isEqualTo(exact.accuracy());
    }
  }

  @Test
  void onlyLabelledDocumentsVoteAndTheLeftOutOneDoesNot() {
    try (Collection c = Blobs.create(dir, 3, 40, 0.2, 3, 2)) {
      Points points = Points.of(c, "classify");
      KnnClassifier knn = KnnClassifier.over(c, points, "label", 7, KnnClassifier.Search.GRAPH);
      assertThat(knn.labels()).hasSize(80); // every third of 120 lacks the label
      for (int i = 0; i < points.size(); i++) {
        if (points.label(i, "label") == null) {
          Prediction p = knn.predict(points.vector(i));
          assertThat(p.label()).isNotNull();
          assertThat(p.confidence()).isBetween(0.0, 1.0);
        }
      }
      // A document alone in its class is not its own voter when left out.
      ConfusionTable loo = CrossValidation.knnLeaveOneOut(knn, points, "label");
      assertThat(loo.total()).isEqualTo(80);
      assertThat(loo.accuracy()).isGreaterThan(0.9);
    }
  }

  @Test
  void rejectsAnUnknownFieldAndABadK() {
    try (Collection c = Blobs.create(dir, 2, 10, 0.2, 0, 3)) {
      Points points = Points.of(c, "classify");
      assertThatThrownBy(
              () -> KnnClassifier.over(c, points, "colour", 5, KnnClassifier.Search.GRAPH))
          .isInstanceOf(QuarryException.class)
          .hasMessage(
              "unknown field 'colour' in collection " + dir + "; its fields are [date, label]");
      assertThatThrownBy(
              () -> KnnClassifier.over(c, points, "label", 0, KnnClassifier.Search.GRAPH))
          .hasMessage("k must be between 1 and 1000, got 0");
    }
  }
}
