package dev.quarry.explore;

import dev.quarry.core.Embedder;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zero-shot classification: each label's description is embedded as a query (the model's query
 * role), and a document takes the label whose description is nearest its passage vector. No
 * labelled document is needed.
 */
public final class ZeroShotClassifier {
  private final List<String> labels;
  private final List<float[]> vectors;

  private ZeroShotClassifier(List<String> labels, List<float[]> vectors) {
    this.labels = labels;
    this.vectors = vectors;
  }

  /** Embeds the descriptions, label to text, with {@code embedder}'s query role. */
  public static ZeroShotClassifier of(Embedder embedder, Map<String, String> descriptions) {
    if (descriptions.isEmpty()) {
      throw QuarryException.invalid(
          "zero-shot classification needs at least one label description");
    }
    List<String> labels = new ArrayList<>(descriptions.keySet());
    List<String> texts = labels.stream().map(descriptions::get).toList();
    return new ZeroShotClassifier(labels, embedder.embed(texts, Role.QUERY).vectors());
  }

  /** The label whose description is most similar to {@code vector}; confidence is the cosine. */
  public Prediction predict(float[] vector) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vectors.size(); i++) {
      double s = Vectors.dot(vector, vectors.get(i));
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return new Prediction(labels.get(best), Math.max(0, bestScore));
  }
}
