package dev.quarry.springai;

import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.Role;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * Spring AI's {@link EmbeddingModel} over Quarry's local ONNX embedder (a built-in model such as
 * {@code all-minilm-l6-v2} or {@code all-minilm-l6-v2-q}, or a model directory). Nothing is
 * downloaded: built-in weights come from jars on the class path.
 *
 * <p>Texts are embedded as passages; {@link #embedQuery(String)} embeds a search query (asymmetric
 * models such as bge prefix queries with an instruction; MiniLM treats both alike). Vectors have
 * unit length. Texts longer than the model's maximum are truncated (the response's usage counts the
 * tokens fed to the model).
 *
 * <p>Thread-safe. {@link #open(String)} gives a model that owns its embedder and must be closed;
 * {@link QuarryVectorStore#getEmbeddingModel()} gives a view of the store's embedder, closed with
 * the store.
 */
public final class QuarryEmbeddingModel implements EmbeddingModel, AutoCloseable {
  private final Embedder embedder;
  private final boolean owned;

  QuarryEmbeddingModel(Embedder embedder, boolean owned) {
    this.embedder = embedder;
    this.owned = owned;
  }

  /** Opens a built-in model by name, or a model directory; close it when done. */
  public static QuarryEmbeddingModel open(String model) {
    return new QuarryEmbeddingModel(
        OnnxEmbedder.open(ModelRepository.resolve(model), EmbedderOptions.DEFAULTS), true);
  }

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    return embed(request.getInstructions(), Role.PASSAGE);
  }

  @Override
  public float[] embed(Document document) {
    return embedder.embed(document.getText(), Role.PASSAGE);
  }

  /** The vector of a search query (with the model's query instruction, if it has one). */
  public float[] embedQuery(String query) {
    return embedder.embed(query, Role.QUERY);
  }

  /** Embeds {@code texts} in one call; Quarry plans the model's batches by token counts. */
  EmbeddingResponse embed(List<String> texts, Role role) {
    Embeddings e = embedder.embed(texts, role);
    List<Embedding> results = new ArrayList<>(e.size());
    for (int i = 0; i < e.size(); i++) {
      results.add(new Embedding(e.get(i), i));
    }
    int tokens = Math.toIntExact(e.tokens());
    return new EmbeddingResponse(
        results, new EmbeddingResponseMetadata(modelName(), new DefaultUsage(tokens, 0, tokens)));
  }

  @Override
  public int dimensions() {
    return embedder.dimensions();
  }

  /** The model's name as Quarry records it in a collection. */
  public String modelName() {
    return embedder.identity().name();
  }

  /** Closes the embedder when this model owns it; a store's view is closed with the store. */
  @Override
  public void close() {
    if (owned) {
      embedder.close();
    }
  }
}
