package dev.quarry.core;

import java.util.List;
import java.util.OptionalDouble;

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

  /**
   * The cosine similarity from which a query and a text are on the same topic, where it was
   * calibrated for this model (it differs a lot between models: unrelated sentences score about 0.2
   * with all-MiniLM-L6-v2 and 0.5 with bge-small-en-v1.5). Empty when unknown; the query engine's
   * fresh-coverage rule then counts fresh documents by date alone
   * (docs/decisions/0022-fresh-coverage.md).
   */
  default OptionalDouble topicalSimilarity() {
    return OptionalDouble.empty();
  }

  /** Embeds a batch; the result has one unit vector per text, in input order. */
  Embeddings embed(List<String> texts, Role role);

  /** Embeds one text. */
  default float[] embed(String text, Role role) {
    return embed(List.of(text), role).get(0);
  }

  @Override
  void close();
}
