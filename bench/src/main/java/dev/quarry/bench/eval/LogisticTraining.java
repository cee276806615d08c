package dev.quarry.bench.eval;

import dev.quarry.core.ModelIdentity;
import dev.quarry.query.interpret.RecencyCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * L2-regularised logistic regression of the recency label by full-batch gradient descent
 * (deterministic), and the cross-validated choice of the recency check's regularisation and
 * threshold.
 */
final class LogisticTraining {
  /** Fold assignment shuffles the tuning queries with this seed. */
  static final long SEED = 7;

  private static final double STEP = 20;
  private static final int EPOCHS = 1500;

  private LogisticTraining() {}

  /** The regularisation strength and threshold chosen. */
  record Choice(double l2, double threshold) {}

  /** A trained regression: {@code 1 / (1 + exp(-(bias + weights · v)))}. */
  record Fit(double bias, float[] weights) {
    double probability(float[] v) {
      double z = bias;
      for (int i = 0; i < v.length; i++) {
        z += weights[i] * v[i];
      }
      return 1 / (1 + Math.exp(-z));
    }
  }

  /**
   * Picks the strength with the lowest out-of-fold log loss, then the highest threshold that sets
   * aside at most {@code maxLoss} of the rules' true cues out of fold; prints both tables.
   */
  static Choice choose(
      List<LabelledQuery> tune, double[] l2s, double[] thresholds, double maxLoss) {
    List<LabelledQuery> shuffled = new ArrayList<>(tune);
    Collections.shuffle(shuffled, new Random(SEED));
    System.out.printf(
        "%d-fold cross-validation, shuffle seed %d%n", RecencyCheckTraining.FOLDS, SEED);
    double best = Double.POSITIVE_INFINITY;
    Map<LabelledQuery, Double> bestOdds = null;
    double bestL2 = 0;
    for (double l2 : l2s) {
      Map<LabelledQuery, Double> odds = outOfFold(shuffled, l2);
      double loss = logLoss(shuffled, odds);
      System.out.printf("  l2 %.0e: out-of-fold log loss %.4f%n", l2, loss);
      if (loss < best) {
        best = loss;
        bestOdds = odds;
        bestL2 = l2;
      }
    }
    System.out.printf("chosen l2 %.0e; thresholds out of fold:%n", bestL2);
    double chosen = thresholds[thresholds.length - 1];
    boolean found = false;
    for (double t : thresholds) {
      CheckCounts c = CheckCounts.of("threshold " + t, shuffled, bestOdds::get, t);
      double loss = c.trueCuesSetAside();
      c.print();
      if (!found && loss <= maxLoss) {
        chosen = t;
        found = true;
      }
    }
    System.out.printf(
        "chosen threshold %.2f (the highest setting aside at most %.0f%%)%n",
        chosen, 100 * maxLoss);
    return new Choice(bestL2, chosen);
  }

  /** Trains the regression on all of {@code tune}. */
  static RecencyCheck fit(
      List<LabelledQuery> tune, Choice choice, ModelIdentity model, String trainedOn) {
    Fit fit = train(tune, choice.l2());
    return new RecencyCheck(model, choice.threshold(), fit.bias(), fit.weights(), trainedOn);
  }

  /** Each query's estimates from the regressions trained without its fold. */
  private static Map<LabelledQuery, Double> outOfFold(List<LabelledQuery> qs, double l2) {
    Map<LabelledQuery, Double> odds = new IdentityHashMap<>();
    int folds = RecencyCheckTraining.FOLDS;
    for (int f = 0; f < folds; f++) {
      List<LabelledQuery> train = new ArrayList<>();
      for (int i = 0; i < qs.size(); i++) {
        if (i % folds != f) {
          train.add(qs.get(i));
        }
      }
      Fit fit = train(train, l2);
      for (int i = f; i < qs.size(); i += folds) {
        odds.put(qs.get(i), fit.probability(qs.get(i).vector()));
      }
    }
    return odds;
  }

  private static double logLoss(List<LabelledQuery> qs, Map<LabelledQuery, Double> odds) {
    double sum = 0;
    for (LabelledQuery q : qs) {
      double p = odds.get(q);
      sum -= Math.log(q.recency() ? p : 1 - p);
    }
    return sum / qs.size();
  }

  static Fit train(List<LabelledQuery> qs, double l2) {
    int d = qs.get(0).vector().length;
    double[] w = new double[d];
    double bias = 0;
    double[] grad = new double[d];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Arrays.fill(grad, 0);
      double gradBias = 0;
      for (LabelledQuery q : qs) {
        float[] v = q.vector();
        double z = bias;
        for (int i = 0; i < d; i++) {
          z += w[i] * v[i];
        }
        double error = 1 / (1 + Math.exp(-z)) - (q.recency() ? 1 : 0);
        for (int i = 0; i < d; i++) {
          grad[i] += error * v[i];
        }
        gradBias += error;
      }
      for (int i = 0; i < d; i++) {
        w[i] -= STEP * (grad[i] / qs.size() + l2 * w[i]);
      }
      bias -= STEP * gradBias / qs.size();
    }
    float[] weights = new float[d];
    for (int i = 0; i < d; i++) {
      weights[i] = (float) w[i];
    }
    return new Fit(bias, weights);
  }
}
