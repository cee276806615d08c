package dev.quarry.core;

import java.util.List;

/**
 * The result of embedding a batch: one unit vector per input text, in input order.
 *
 * @param vectors unit-length vectors, one per input text, in input order
 * @param tokens tokens fed to the model for all texts together (after truncation)
 * @param truncated how many texts were longer than the model's maximum and were cut
 */
public record Embeddings(List<float[]> vectors, long tokens, int truncated) {
  public Embeddings {
    vectors = List.copyOf(vectors);
  }

  public float[] get(int index) {
    return vectors.get(index);
  }

  public int size() {
    return vectors.size();
  }
}
