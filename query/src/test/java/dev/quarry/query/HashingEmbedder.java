package dev.quarry.query;

import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.index.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A deterministic bag-of-words embedder for tests: words hash into 128 buckets. */
final class HashingEmbedder implements Embedder {
  static final int DIMS = 128;
  int calls;

  /** What {@link #topicalSimilarity()} answers; tests may clear it. */
  OptionalDouble topical = OptionalDouble.of(0.35);

  /** A document with a title and a text, and this embedder's passage vector of both. */
  Document.Builder document(String id, String title, String text) {
    return Document.builder(id)
        .title(title)
        .text(text)
        .vector(embed(title + " " + text, Role.PASSAGE));
  }

  @Override
  public OptionalDouble topicalSimilarity() {
    return topical;
  }

  @Override
  public ModelIdentity identity() {
    return new ModelIdentity("hashing", "none", "mean", DIMS);
  }

  @Override
  public int maxTokens() {
    return 512;
  }

  @Override
  public Embeddings embed(List<String> texts, Role role) {
    calls++;
    List<float[]> out = new ArrayList<>();
    for (String t : texts) {
      float[] v = new float[DIMS];
      for (String w : t.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        if (!w.isEmpty()) {
          v[Math.floorMod(w.hashCode(), DIMS)] += 1;
        }
      }
      v[0] += 0.01f; // never all-zero
      out.add(Vectors.normalizeInPlace(v));
    }
    return new Embeddings(out, 0, 0);
  }

  @Override
  public void close() {}
}
