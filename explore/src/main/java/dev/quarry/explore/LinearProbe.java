package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A linear probe: multinomial logistic regression (Tribuo, trained with AdaGrad) from the vector
 * dimensions to the labels. It learns which directions of the embedding space carry the label,
 * where kNN only looks at neighbours.
 */
public final class LinearProbe {
  /** Passes over the training set; the accuracy on WordNet supersenses levels off by then. */
  public static final int DEFAULT_EPOCHS = 10;

  private static final LabelFactory LABELS = new LabelFactory();
  private final Model<Label> model;
  private final String[] names;

  private LinearProbe(Model<Label> model, String[] names) {
    this.model = model;
    this.names = names;
  }

  /** Trains on {@code vectors} with their {@code labels} (same order), seeded. */
  public static LinearProbe train(
      List<float[]> vectors, List<String> labels, int epochs, long seed) {
    if (vectors.isEmpty() || vectors.size() != labels.size()) {
      throw QuarryException.invalid(
          "a linear probe needs labelled vectors, got "
              + vectors.size()
              + " vectors and "
              + labels.size()
              + " labels");
    }
    ExploreChecks.requireRange("epochs", epochs, 1, 1000);
    String[] names = Features.names(vectors.get(0).length);
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("quarry collection", LABELS), LABELS);
    for (int i = 0; i < vectors.size(); i++) {
      data.add(
          new ArrayExample<>(new Label(labels.get(i)), names, Features.values(vectors.get(i))));
    }
    // A logging interval past the end keeps Tribuo's per-step loss lines off the console.
    var trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(0.5, 0.1), epochs, Integer.MAX_VALUE, 1, seed);
    return new LinearProbe(trainer.train(data), names);
  }

  /** The most probable label of {@code vector}; confidence is its probability. */
  public Prediction predict(float[] vector) {
    var p =
        model.predict(
            new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, Features.values(vector)));
    return new Prediction(p.getOutput().getLabel(), p.getOutput().getScore());
  }
}
