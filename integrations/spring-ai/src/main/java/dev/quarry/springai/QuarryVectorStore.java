package dev.quarry.springai;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.index.VectorEncoding;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchResult;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;

/**
 * A Spring AI {@link VectorStore} backed by an on-disk Quarry collection, so a RAG application's
 * index survives a restart.
 *
 * <pre>{@code
 * try (QuarryVectorStore store = QuarryVectorStore.builder(Path.of("rag-index")).build()) {
 *   store.add(List.of(new Document("Lucene builds HNSW graphs", Map.of("topic", "search"))));
 *   List<Document> hits = store.similaritySearch(
 *       SearchRequest.builder().query("vector indexes").topK(3).filterExpression("topic == 'search'").build());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Embedding: documents and queries are embedded by the collection's own model (see {@link
 *       #getEmbeddingModel()}), the one recorded in the collection, so stored and query vectors
 *       always come from the same model. One Spring AI document is one Quarry document (no further
 *       chunking); its id, text and metadata are kept, with metadata types intact ({@link
 *       MetadataCodec}).
 *   <li>Score: {@code score = clamp(cos, 0, 1)} where {@code cos} is the cosine similarity of the
 *       query and the document (Quarry's vector score, exact: quantized encodings are rescored with
 *       full-precision vectors); a hit is returned when {@code score >= similarityThreshold}. The
 *       metadata key {@code distance} holds {@code 1 - cos}, unclamped. See
 *       docs/integrations-spring-ai.md.
 *   <li>Search is pure vector search (no keyword leg, no recency or negation handling): Spring AI's
 *       contract is similarity to the query. {@code topK} is at most 1000 (Quarry's limit).
 *   <li>Filters: Spring AI's expressions, translated by {@link FilterTranslator}.
 * </ul>
 *
 * <p>Thread-safe: searches run concurrently with each other and with writes. Owns the Quarry
 * collection and its embedder; {@link #close()} commits and releases them. One writer per folder
 * across processes.
 */
public final class QuarryVectorStore extends AbstractObservationVectorStore
    implements AutoCloseable {
  /** The observation's database system name. */
  public static final String PROVIDER = "quarry";

  /** Spring AI searches have no "as of" time: no exclusion of documents dated in the future. */
  private static final dev.quarry.query.SearchRequest.Recency NO_RECENCY =
      dev.quarry.query.SearchRequest.Recency.NONE;

  private final Quarry quarry;
  private final QuarryEmbeddingModel model;

  private QuarryVectorStore(Settings settings, Quarry quarry, QuarryEmbeddingModel model) {
    super(settings);
    this.quarry = quarry;
    this.model = model;
  }

  /** A builder that opens the collection in {@code path}, or creates it there. */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  @Override
  public void doAdd(List<Document> documents) {
    Objects.requireNonNull(documents, "documents");
    if (documents.isEmpty()) {
      return;
    }
    List<float[]> vectors =
        embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
    List<dev.quarry.index.Document> stored = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      dev.quarry.index.Document.Builder b =
          dev.quarry.index.Document.builder(d.getId()).text(d.getText()).vector(vectors.get(i));
      MetadataCodec.encode(d.getId(), d.getMetadata(), b);
      stored.add(b.build());
    }
    quarry.collection().upsert(stored);
  }

  @Override
  public void doDelete(List<String> idList) {
    quarry.delete(idList);
  }

  @Override
  protected void doDelete(Filter.Expression filterExpression) {
    quarry.delete(FilterTranslator.translate(filterExpression));
  }

  @Override
  public List<Document> doSimilaritySearch(SearchRequest request) {
    if (request.getTopK() == 0) {
      return List.of();
    }
    var quarryRequest =
        dev.quarry.query.SearchRequest.builder()
            .vector(model.embedQuery(request.getQuery()))
            .k(request.getTopK())
            .mode(dev.quarry.query.SearchRequest.Mode.VECTOR)
            .negation(dev.quarry.query.SearchRequest.Negation.OFF)
            .recency(NO_RECENCY);
    if (request.hasFilterExpression()) {
      quarryRequest.filter(FilterTranslator.translate(request.getFilterExpression()));
    }
    SearchResult result = quarry.search(quarryRequest.build());
    List<Document> out = new ArrayList<>(result.hits().size());
    for (SearchHit hit : result.hits()) {
      double score = score(hit.score());
      if (score >= request.getSimilarityThreshold()) {
        out.add(toSpring(hit.document(), score, hit.score()));
      }
    }
    return out;
  }

  /** Spring AI's similarity in [0, 1] for a cosine similarity: negative cosines become 0. */
  static double score(double cosine) {
    return Math.min(1, Math.max(0, cosine));
  }

  /** The stored document with this id (no score, no distance), if there is one. */
  public Optional<Document> get(String id) {
    return quarry.get(id).map(d -> toSpring(d, null, null));
  }

  private static Document toSpring(dev.quarry.index.Document d, Double score, Double cosine) {
    Map<String, Object> metadata = new LinkedHashMap<>(MetadataCodec.decode(d.metadata()));
    if (cosine != null) {
      metadata.put(DocumentMetadata.DISTANCE.value(), 1 - cosine);
    }
    return Document.builder()
        .id(d.id())
        .text(d.text() == null ? "" : d.text())
        .metadata(metadata)
        .score(score)
        .build();
  }

  /** The collection's model as a Spring AI embedding model (closed with this store). */
  public QuarryEmbeddingModel getEmbeddingModel() {
    return model;
  }

  @Override
  public <T> Optional<T> getNativeClient() {
    @SuppressWarnings("unchecked")
    T client = (T) quarry;
    return Optional.of(client);
  }

  @Override
  public VectorStoreObservationContext.Builder createObservationContextBuilder(
      String operationName) {
    return VectorStoreObservationContext.builder(PROVIDER, operationName)
        .collectionName(quarry.collection().path().getFileName().toString())
        .dimensions(model.dimensions())
        .similarityMetric(VectorStoreSimilarityMetric.COSINE.value());
  }

  /** Commits and closes the collection and its embedder. */
  @Override
  public void close() {
    quarry.close();
  }

  /**
   * Builds a {@link QuarryVectorStore}. The model and encoding apply when the collection is
   * created; reopening needs the same model (Quarry refuses another, naming both).
   */
  public static final class Builder implements VectorStore.Builder<Builder> {
    private final Path path;
    private QuarryConfig config = QuarryConfig.DEFAULTS;
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    private VectorStoreObservationConvention convention;
    private BatchingStrategy batchingStrategy = documents -> List.of(documents);

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * The embedding model: a built-in name ({@code all-minilm-l6-v2} by default, {@code
     * all-minilm-l6-v2-q}, {@code bge-small-en-v1.5}, …) or a model directory.
     */
    public Builder model(String model) {
      config = config.withModel(Objects.requireNonNull(model, "model"));
      return this;
    }

    /** How vectors are held in the index (float32 by default; int8, int4, binary save memory). */
    public Builder encoding(VectorEncoding encoding) {
      config = config.withEncoding(Objects.requireNonNull(encoding, "encoding"));
      return this;
    }

    /** Every Quarry option at once (replaces earlier {@link #model}/{@link #encoding} calls). */
    public Builder config(QuarryConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    @Override
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = Objects.requireNonNull(registry, "observationRegistry");
      return this;
    }

    @Override
    public Builder customObservationConvention(VectorStoreObservationConvention convention) {
      this.convention = convention;
      return this;
    }

    /**
     * How documents are grouped into embedding calls. By default all of an {@code add} go in one
     * call, where Quarry plans the model's batches by real token counts.
     */
    @Override
    public Builder batchingStrategy(BatchingStrategy strategy) {
      this.batchingStrategy = Objects.requireNonNull(strategy, "batchingStrategy");
      return this;
    }

    /** Opens (or creates) the collection; the store owns it. */
    @Override
    public QuarryVectorStore build() {
      Quarry quarry = Quarry.openOrCreate(path, config);
      try {
        QuarryEmbeddingModel model = new QuarryEmbeddingModel(quarry.embedder(), false);
        Settings settings = new Settings(model);
        settings
            .observationRegistry(observationRegistry)
            .customObservationConvention(convention)
            .batchingStrategy(batchingStrategy);
        return new QuarryVectorStore(settings, quarry, model);
      } catch (RuntimeException e) {
        quarry.close();
        throw e;
      }
    }
  }

  /**
   * Spring AI's base class takes its settings from an {@link AbstractVectorStoreBuilder}, which
   * needs the embedding model up front; ours exists only once the collection is open.
   */
  private static final class Settings extends AbstractVectorStoreBuilder<Settings> {
    Settings(QuarryEmbeddingModel model) {
      super(model);
    }

    @Override
    public VectorStore build() {
      throw QuarryException.invalid(
          "internal settings holder; use QuarryVectorStore.builder(path)");
    }
  }
}
