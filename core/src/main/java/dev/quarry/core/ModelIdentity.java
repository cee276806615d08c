package dev.quarry.core;

/**
 * What makes two embedders produce the same vectors. Collections record it so that a query is never
 * embedded by a different model than the documents, and the embedding cache keys on it.
 *
 * @param name the model's name, e.g. {@code all-minilm-l6-v2}
 * @param weightsSha256 hex sha256 of the ONNX weights file
 * @param pooling how token vectors become one vector ({@code mean}, {@code cls}, {@code none})
 * @param dimensions dimensions of the output vectors (after any truncation)
 */
public record ModelIdentity(String name, String weightsSha256, String pooling, int dimensions) {
  public ModelIdentity {
    if (name == null || name.isBlank()) {
      throw QuarryException.invalid("model name must not be empty");
    }
    if (dimensions <= 0) {
      throw QuarryException.invalid("model dimensions must be positive, got " + dimensions);
    }
  }
}
