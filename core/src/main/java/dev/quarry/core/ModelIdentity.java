package dev.quarry.core;

/**
 * What makes two embedders produce the same vectors. Collections record it so that a query is never
 * embedded by a different model than the documents, and the embedding cache keys on it.
 *
 * <p>A remote model (embedded through an OpenAI-compatible endpoint) has no weights file to hash:
 * its pooling is {@value #REMOTE_POOLING} and {@code weightsSha256} holds {@code remote:HOST},
 * followed by {@code +prefixes:HASH} when it has role prefixes (docs/models.md, "Remote
 * embedders"). The fields keep their names so that the manifest format does not change.
 *
 * @param name the model's name, e.g. {@code all-minilm-l6-v2}
 * @param weightsSha256 hex sha256 of the ONNX weights file, or the remote source
 * @param pooling how token vectors become one vector ({@code mean}, {@code cls}, {@code none},
 *     {@value #REMOTE_POOLING})
 * @param dimensions dimensions of the output vectors (after any truncation)
 */
public record ModelIdentity(String name, String weightsSha256, String pooling, int dimensions) {
  /** The pooling of a model embedded by a remote endpoint, which pools by itself. */
  public static final String REMOTE_POOLING = "remote";

  private static final String REMOTE_SOURCE = "remote:";

  public ModelIdentity {
    if (name == null || name.isBlank()) {
      throw QuarryException.invalid("model name must not be empty");
    }
    if (dimensions <= 0) {
      throw QuarryException.invalid("model dimensions must be positive, got " + dimensions);
    }
  }

  /**
   * The identity of model {@code name} served at {@code host}; {@code prefixesHash} is empty, or a
   * hash of the role prefixes, which change the vectors.
   */
  public static ModelIdentity remote(
      String name, String host, String prefixesHash, int dimensions) {
    String source =
        REMOTE_SOURCE + host + (prefixesHash.isEmpty() ? "" : "+prefixes:" + prefixesHash);
    return new ModelIdentity(name, source, REMOTE_POOLING, dimensions);
  }

  /** Whether a remote endpoint computes this model's vectors. */
  public boolean isRemote() {
    return REMOTE_POOLING.equals(pooling) && weightsSha256.startsWith(REMOTE_SOURCE);
  }

  /** The model in words, for messages: name, dimensions and what tells it apart. */
  public String describe() {
    if (isRemote()) {
      return name
          + " (remote, "
          + dimensions
          + "-d, "
          + weightsSha256.substring(REMOTE_SOURCE.length())
          + ")";
    }
    return name
        + " ("
        + dimensions
        + "-d, "
        + pooling
        + ", weights sha256 "
        + weightsSha256.substring(0, Math.min(12, weightsSha256.length()))
        + "…)";
  }
}
