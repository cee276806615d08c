package dev.quarry.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import dev.quarry.core.Embeddings;
import dev.quarry.core.Role;
import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * LangChain4j's {@link EmbeddingModel} over Quarry's local ONNX embedder: a built-in model (e.g.
 * {@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}) or a model directory, run in process, no
 * network. A request embeds all its texts in one call, which Quarry splits into length-bucketed
 * batches. Vectors are unit length.
 *
 * <p>The per-call parameter {@code inputType} is honored: {@link EmbeddingInputType#QUERY} applies
 * the model's query prefix (bge models have one), anything else its passage prefix.
 *
 * <p>Thread-safe. A model from {@link #builder()} owns its ONNX session and tokenizer: {@link
 * #close()} releases them. One from {@link QuarryEmbeddingStore#embeddingModel()} belongs to the
 * store.
 */
public final class QuarryEmbeddingModel implements EmbeddingModel, AutoCloseable {
  private final OnnxEmbedder embedder;
  private final boolean owned;

  QuarryEmbeddingModel(OnnxEmbedder embedder, boolean owned) {
    this.embedder = embedder;
    this.owned = owned;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public EmbeddingResponse doEmbed(EmbeddingRequest request) {
    List<String> texts = new ArrayList<>(request.inputs().size());
    for (EmbeddingInput input : request.inputs()) {
      texts.add(input.text());
    }
    Role role = request.inputType() == EmbeddingInputType.QUERY ? Role.QUERY : Role.PASSAGE;
    Embeddings embeddings = embedder.embed(texts, role);
    List<Embedding> out = new ArrayList<>(embeddings.size());
    for (float[] v : embeddings.vectors()) {
      out.add(Embedding.from(v));
    }
    return EmbeddingResponse.builder()
        .embeddings(out)
        .metadata(
            EmbeddingResponseMetadata.builder()
                .modelName(modelName())
                .tokenUsage(new TokenUsage(Math.toIntExact(embeddings.tokens())))
                .build())
        .build();
  }

  @Override
  public Set<EmbeddingParameter<?>> supportedParameters() {
    return Set.of(EmbeddingRequestParameters.INPUT_TYPE);
  }

  @Override
  public int dimension() {
    return embedder.dimensions();
  }

  @Override
  public String modelName() {
    return embedder.identity().name();
  }

  /** The Quarry embedder behind this model (its tokenizer also counts tokens for chunking). */
  OnnxEmbedder embedder() {
    return embedder;
  }

  /** Releases the ONNX session when this object owns it; a store's model is closed by the store. */
  @Override
  public void close() {
    if (owned) {
      embedder.close();
    }
  }

  /** Chooses the model; every setting has a default. */
  public static final class Builder {
    private String model = BuiltinModel.DEFAULT.modelName();
    private EmbedderOptions options = EmbedderOptions.DEFAULTS;

    private Builder() {}

    /** A built-in model name (docs/models.md) or a model directory; default all-minilm-l6-v2. */
    public Builder model(String nameOrDirectory) {
      this.model = nameOrDirectory;
      return this;
    }

    /** Runtime options: threads, batch size, Matryoshka dimensions, device. */
    public Builder options(EmbedderOptions value) {
      this.options = value;
      return this;
    }

    public QuarryEmbeddingModel build() {
      return new QuarryEmbeddingModel(
          OnnxEmbedder.open(ModelRepository.resolve(model), options), true);
    }
  }
}
