package dev.quarry.engine.ingest;

import dev.quarry.core.QuarryException;

/**
 * How documents are cut into chunks.
 *
 * @param maxTokens most tokens of one chunk (model tokens, title excluded); 0 = the model's maximum
 *     minus room for the title
 * @param overlapTokens tokens of the previous chunk's last sentences repeated at the start of the
 *     next, so that a fact on a boundary is found from both sides
 */
public record ChunkOptions(int maxTokens, int overlapTokens) {
  public static final ChunkOptions DEFAULTS = new ChunkOptions(0, 32);

  /** The smallest chunk budget, in tokens, whatever the model or the title leaves. */
  static final int MIN_BUDGET = 16;

  public ChunkOptions {
    if (maxTokens < 0 || overlapTokens < 0) {
      throw QuarryException.invalid("chunk sizes must be >= 0");
    }
    if (maxTokens > 0 && overlapTokens >= maxTokens) {
      throw QuarryException.invalid(
          "chunk overlap ("
              + overlapTokens
              + ") must be smaller than the chunk size ("
              + maxTokens
              + ")");
    }
  }

  /** The token budget for a model with {@code modelMax} tokens. */
  public int budget(int modelMax) {
    return maxTokens > 0
        ? Math.min(maxTokens, modelMax - 2)
        : Math.max(MIN_BUDGET, modelMax - 2 - 32);
  }
}
