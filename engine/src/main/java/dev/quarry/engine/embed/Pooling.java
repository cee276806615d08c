package dev.quarry.engine.embed;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/** How a model's token vectors become one text vector. Persisted by {@link #id()}. */
public enum Pooling {
  /** Average of the token vectors under the attention mask (sentence-transformers' default). */
  MEAN("mean"),
  /** The first token's vector ([CLS]), as bge models are trained. */
  CLS("cls");

  private final String id;

  Pooling(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Pooling parse(String value) {
    for (Pooling pooling : values()) {
      if (pooling.id.equals(value.toLowerCase(Locale.ROOT))) {
        return pooling;
      }
    }
    throw QuarryException.invalid("unknown pooling '" + value + "': use 'mean' or 'cls'");
  }

  /**
   * Pools one text's token vectors.
   *
   * @param hidden the model output for the whole batch, row-major [batch, seq, dim]
   * @param row which text of the batch
   * @param seq padded sequence length of the batch
   * @param dim hidden size
   * @param tokens real (unpadded) tokens of this text; padding is never averaged in
   */
  float[] pool(float[] hidden, int row, int seq, int dim, int tokens) {
    float[] out = new float[dim];
    int base = row * seq * dim;
    if (this == CLS) {
      System.arraycopy(hidden, base, out, 0, dim);
      return out;
    }
    double[] sum = new double[dim];
    for (int t = 0; t < tokens; t++) {
      int off = base + t * dim;
      for (int d = 0; d < dim; d++) {
        sum[d] += hidden[off + d];
      }
    }
    for (int d = 0; d < dim; d++) {
      out[d] = (float) (sum[d] / Math.max(1, tokens));
    }
    return out;
  }
}
