package dev.quarry.engine;

import dev.quarry.core.ModelIdentity;
import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.remote.RemoteModelOptions;
import dev.quarry.engine.ingest.ChunkOptions;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;

/**
 * How a Quarry collection is created and run.
 *
 * @param model a built-in model name or a model directory; null when opening a collection: the
 *     built-in model it records
 * @param encoding how vectors are held in the index
 * @param hnsw graph parameters
 * @param chunking how documents are cut into chunks
 * @param embedder model runtime options (threads, batch size, Matryoshka dimensions, device)
 * @param embeddingCache reuse embeddings from the shared cache in Quarry's home
 * @param remote a model behind an OpenAI-compatible endpoint, used instead of {@code model} and
 *     {@code embedder}; null (the default) embeds in process and never opens a connection
 * @param modelLoading when an opened collection's model loads
 */
public record QuarryConfig(
    String model,
    VectorEncoding encoding,
    HnswParams hnsw,
    ChunkOptions chunking,
    EmbedderOptions embedder,
    boolean embeddingCache,
    RemoteModelOptions remote,
    ModelLoading modelLoading) {

  /** When {@link Quarry#open} loads the model (it takes most of a CLI command's start-up). */
  public enum ModelLoading {
    /** On a background thread, started before the collection opens, so the two overlap. */
    AT_OPEN,
    /** When something is first embedded: never, for a search that needs no query vector. */
    ON_FIRST_USE
  }

  public static final QuarryConfig DEFAULTS =
      new QuarryConfig(
          BuiltinModel.DEFAULT.modelName(),
          VectorEncoding.FLOAT32,
          HnswParams.DEFAULTS,
          ChunkOptions.DEFAULTS,
          EmbedderOptions.DEFAULTS,
          true,
          null,
          ModelLoading.AT_OPEN);

  public QuarryConfig withModel(String value) {
    return new QuarryConfig(
        value, encoding, hnsw, chunking, embedder, embeddingCache, remote, modelLoading);
  }

  public QuarryConfig withEncoding(VectorEncoding value) {
    return new QuarryConfig(
        model, value, hnsw, chunking, embedder, embeddingCache, remote, modelLoading);
  }

  public QuarryConfig withChunking(ChunkOptions value) {
    return new QuarryConfig(
        model, encoding, hnsw, value, embedder, embeddingCache, remote, modelLoading);
  }

  public QuarryConfig withEmbedder(EmbedderOptions value) {
    return new QuarryConfig(
        model, encoding, hnsw, chunking, value, embeddingCache, remote, modelLoading);
  }

  public QuarryConfig withEmbeddingCache(boolean value) {
    return new QuarryConfig(model, encoding, hnsw, chunking, embedder, value, remote, modelLoading);
  }

  /** Embeds through a remote endpoint; null goes back to the in-process {@code model}. */
  public QuarryConfig withRemote(RemoteModelOptions value) {
    return new QuarryConfig(
        model, encoding, hnsw, chunking, embedder, embeddingCache, value, modelLoading);
  }

  public QuarryConfig withModelLoading(ModelLoading value) {
    return new QuarryConfig(
        model, encoding, hnsw, chunking, embedder, embeddingCache, remote, value);
  }

  /** The configuration of a new collection for {@code model}'s vectors. */
  public CollectionConfig collectionConfig(ModelIdentity model) {
    return CollectionConfig.forModel(model).withEncoding(encoding).withHnsw(hnsw);
  }

  Similarity similarity() {
    return Similarity.COSINE;
  }
}
