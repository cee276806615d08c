package dev.quarry.core;

import java.util.List;

/**
 * Turns texts into unit-length vectors. Implementations own native resources (model sessions,
 * tokenizers) and release them in {@link #close()}; they are safe for concurrent use unless they
 * say otherwise.
 */
public interface Embedder extends AutoCloseable {

  /** Identity of the model, including output dimensions. */
  ModelIdentity identity();

  /** Dimensions of every vector this embedder returns. */
  default int dimensions() {
    return identity().dimensions();
  }

  /** The maximum number of tokens of one text; longer texts are truncated and counted. */
  int maxTokens();

  /** Embeds a batch; the result has one unit vector per text, in input order. */
  Embeddings embed(List<String> texts, Role role);

  /** Embeds one text. */
  default float[] embed(String text, Role role) {
    return embed(List.of(text), role).get(0);
  }

  @Override
  void close();
}
