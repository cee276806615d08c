package dev.quarry.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Accuracy of a classifier on a collection's labelled documents, without training on the tested.
 */
public final class CrossValidation {
  /** Folds of the linear probe's cross-validation. */
  public static final int FOLDS = 5;

  private CrossValidation() {}

  /**
   * Leave-one-out for kNN: each labelled document is classified by its neighbours other than
   * itself, which is exact cross-validation for a method that trains nothing.
   */
  public static ConfusionTable knnLeaveOneOut(KnnClassifier knn, Points points, String field) {
    ConfusionTable table = new ConfusionTable();
    for (int i = 0; i < points.size(); i++) {
      String truth = points.label(i, field);
      if (truth != null) {
        table.add(truth, knn.predict(points.vector(i), points.get(i).id()).label());
      }
    }
    return table;
  }

  /** Every labelled document through {@code classifier}, which never saw the labels. */
  public static ConfusionTable untrained(
      Function<float[], Prediction> classifier, Points points, String field) {
    ConfusionTable table = new ConfusionTable();
    for (int i = 0; i < points.size(); i++) {
      String truth = points.label(i, field);
      if (truth != null) {
        table.add(truth, classifier.apply(points.vector(i)).label());
      }
    }
    return table;
  }

  /** {@link #FOLDS}-fold cross-validation of the linear probe over a seeded shuffle. */
  public static ConfusionTable probeFolds(Points points, String field, int epochs, long seed) {
    List<Integer> labelled = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (points.label(i, field) != null) {
        labelled.add(i);
      }
    }
    java.util.Collections.shuffle(labelled, new Random(seed));
    ConfusionTable table = new ConfusionTable();
    for (int fold = 0; fold < FOLDS; fold++) {
      List<float[]> x = new ArrayList<>();
      List<String> y = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int j = 0; j < labelled.size(); j++) {
        int i = labelled.get(j);
        if (j % FOLDS == fold) {
          test.add(i);
        } else {
          x.add(points.vector(i));
          y.add(points.label(i, field));
        }
      }
      if (test.isEmpty() || x.isEmpty()) {
        continue;
      }
      LinearProbe probe = LinearProbe.train(x, y, epochs, seed + fold);
      for (int i : test) {
        table.add(points.label(i, field), probe.predict(points.vector(i)).label());
      }
    }
    return table;
  }
}
