package dev.quarry.bench.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Labelled vectors cut into a training part (the collection) and a test part (the queries).
 *
 * @param trainVectors vectors indexed as labelled documents
 * @param trainLabels their labels
 * @param testVectors vectors classified
 * @param testLabels their true labels
 */
record LabelledSplit(
    List<float[]> trainVectors,
    List<String> trainLabels,
    List<float[]> testVectors,
    List<String> testLabels) {

  /**
   * A seeded held-out split: {@code testShare} of the items, drawn at random, are the test part.
   */
  static LabelledSplit heldOut(
      List<float[]> vectors, List<String> labels, double testShare, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int test = (int) Math.round(vectors.size() * testShare);
    LabelledSplit s =
        new LabelledSplit(
            new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int j = 0; j < order.size(); j++) {
      int i = order.get(j);
      (j < test ? s.testVectors : s.trainVectors).add(vectors.get(i));
      (j < test ? s.testLabels : s.trainLabels).add(labels.get(i));
    }
    return s;
  }

  /** At most {@code n} test items (the first ones), for shorter runs. */
  LabelledSplit limitTest(int n) {
    int m = Math.min(n, testVectors.size());
    return new LabelledSplit(
        trainVectors, trainLabels, testVectors.subList(0, m), testLabels.subList(0, m));
  }
}
