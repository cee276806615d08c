package dev.quarry.engine.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A model's two tokenizers and the largest token id they emit, all read from its tokenizer.json.
 * {@link #loading} reads them on a thread of their own while the caller opens the ONNX session: the
 * tokenizers' native library, the two tokenizers and the vocabulary take about as long as the
 * session, and a search waits for both (decision 0185).
 *
 * @param truncating cuts a text at the model's input limit, with the special tokens
 * @param counting counts a text's full length, for chunking
 * @param maxId the largest token id in the vocabulary
 */
record ModelTokenizers(HuggingFaceTokenizer truncating, HuggingFaceTokenizer counting, long maxId)
    implements AutoCloseable {

  /** Starts reading them; the caller owns the result and must close it, even when not used. */
  static CompletableFuture<ModelTokenizers> loading(ModelFiles files) {
    CompletableFuture<ModelTokenizers> f = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("quarry-tokenizer-load")
        .daemon(true)
        .start(
            () -> {
              try {
                f.complete(load(files));
              } catch (Throwable t) {
                f.completeExceptionally(t);
              }
            });
    return f;
  }

  private static ModelTokenizers load(ModelFiles files) {
    HuggingFaceTokenizer truncating = null;
    try {
      truncating =
          HuggingFaceTokenizer.newInstance(
              files.tokenizer(),
              Map.of(
                  "addSpecialTokens", "true",
                  "truncation", "true",
                  "padding", "false",
                  "maxLength", Integer.toString(files.descriptor().maxTokens())));
      // Without truncation: chunking must see a text's full length.
      HuggingFaceTokenizer counting =
          HuggingFaceTokenizer.newInstance(
              files.tokenizer(),
              Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
      try {
        return new ModelTokenizers(
            truncating, counting, TokenizerVocabulary.maxTokenId(files.tokenizer()));
      } catch (QuarryException e) {
        counting.close();
        throw e;
      }
    } catch (IOException e) {
      closeQuietly(truncating);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(truncating);
      throw e;
    }
  }

  private static void closeQuietly(HuggingFaceTokenizer t) {
    if (t != null) {
      t.close();
    }
  }

  /** Closes both tokenizers, the counting one first (reverse order of creation). */
  @Override
  public void close() {
    counting.close();
    truncating.close();
  }
}
