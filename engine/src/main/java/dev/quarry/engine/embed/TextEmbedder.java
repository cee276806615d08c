package dev.quarry.engine.embed;

import dev.quarry.core.Embedder;
import dev.quarry.core.TokenCounter;

/**
 * An embedder that also counts tokens the way it cuts texts, which chunking needs: an {@link
 * OnnxEmbedder} with its tokenizer, or a remote embedder with an estimate.
 */
public interface TextEmbedder extends Embedder, TokenCounter {}
