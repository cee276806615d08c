package dev.quarry.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureConsistentSizes;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Vectors;
import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.HnswParams;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import dev.quarry.query.spi.FilterCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * A LangChain4j {@link EmbeddingStore} of {@link TextSegment}s in an on-disk Quarry collection: an
 * HNSW index that survives a restart, metadata filters evaluated inside the index, and the
 * collection tied to one embedding model (opening it with another fails).
 *
 * <pre>{@code
 * try (QuarryEmbeddingStore store = QuarryEmbeddingStore.builder().path(Path.of("rag-index")).build()) {
 *   EmbeddingModel model = store.embeddingModel();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Scores.</b> The collection compares vectors by cosine similarity; a match's score is
 * LangChain4j's relevance score {@code (cos + 1) / 2} in [0, 1], with cos computed in double from
 * the stored unit vector and the normalized query. {@code minScore} keeps exactly the matches whose
 * relevance score is at least it. The neighbours themselves come from the approximate HNSW search
 * (recall against exact search: docs/measurements.md); {@code maxResults} is at most 10,000.
 *
 * <p><b>Stored values.</b> Ids are LangChain4j's (random UUIDs unless given). A unit-length
 * embedding (every {@link QuarryEmbeddingModel} one) comes back bit for bit; any other is stored
 * scaled to unit length (cosine ignores length) and returned that way. Metadata keeps its Java
 * types (docs/integrations.md): a key holds one family of values for the life of the collection:
 * strings and UUIDs, integers and longs, or floats and doubles.
 *
 * <p><b>Durability and threads.</b> Every add and remove is in the collection's write-ahead log
 * when it returns; {@link #commit()} and {@link #close()} make it durable against power loss.
 * Thread-safe: searches run concurrently with each other and with writes. Owns the collection and,
 * unless one was given to the builder, the embedding model; {@link #close()} releases them.
 */
public final class QuarryEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {
  private final Collection collection;
  private final QuarryEmbeddingModel model;
  private final boolean ownsModel;
  private final KnnOptions knn;

  private QuarryEmbeddingStore(
      Collection collection, QuarryEmbeddingModel model, boolean ownsModel, KnnOptions knn) {
    this.collection = collection;
    this.model = model;
    this.ownsModel = ownsModel;
    this.knn = knn;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The model the collection was built with, for embedding segments and queries. */
  public QuarryEmbeddingModel embeddingModel() {
    return model;
  }

  /** The underlying collection (for advanced use; owned by this store). */
  public Collection collection() {
    return collection;
  }

  @Override
  public String add(Embedding embedding) {
    String id = generateIds(1).get(0);
    addAll(List.of(id), List.of(embedding), null);
    return id;
  }

  @Override
  public void add(String id, Embedding embedding) {
    addAll(List.of(id), List.of(embedding), null);
  }

  @Override
  public String add(Embedding embedding, TextSegment segment) {
    String id = generateIds(1).get(0);
    addAll(List.of(id), List.of(embedding), List.of(segment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    List<String> ids = generateIds(embeddings.size());
    addAll(ids, embeddings, null);
    return ids;
  }

  /**
   * Adds or replaces (by id) embeddings with their segments, atomically: all are written or none.
   * {@code segments} may be null (embeddings alone).
   */
  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    ensureConsistentSizes(ids, embeddings, segments);
    if (embeddings == null || embeddings.isEmpty()) {
      return;
    }
    List<Document> documents = new ArrayList<>(embeddings.size());
    for (int i = 0; i < embeddings.size(); i++) {
      Document.Builder d =
          Document.builder(ids.get(i))
              .vector(ensureNotNull(embeddings.get(i), "embedding %d", i).vector());
      TextSegment segment = segments == null ? null : segments.get(i);
      if (segment != null) {
        d.text(segment.text());
        MetadataCodec.toQuarry(segment.metadata(), d);
      }
      documents.add(d.build());
    }
    collection.upsert(documents);
  }

  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    float[] query = Vectors.normalizeInPlace(request.queryEmbedding().vector().clone());
    Query filter = request.filter() == null ? null : compile(request.filter());
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
    for (Hit hit : collection.lucene().search(query, request.maxResults(), filter, knn)) {
      Document d = collection.get(hit.id()).orElse(null);
      if (d == null) {
        continue; // removed between the search and the read
      }
      double score = relevance(query, d.vector());
      if (score >= request.minScore()) {
        matches.add(new EmbeddingMatch<>(score, d.id(), Embedding.from(d.vector()), segment(d)));
      }
    }
    matches.sort(
        Comparator.comparingDouble((EmbeddingMatch<TextSegment> m) -> m.score()).reversed());
    return new EmbeddingSearchResult<>(matches);
  }

  /** LangChain4j's relevance score of a stored unit vector for a normalized query. */
  static double relevance(float[] unitQuery, float[] unitStored) {
    double dot = 0;
    for (int i = 0; i < unitQuery.length; i++) {
      dot += (double) unitQuery[i] * unitStored[i];
    }
    return RelevanceScore.fromCosineSimilarity(Math.max(-1, Math.min(1, dot)));
  }

  private static TextSegment segment(Document d) {
    return d.text() == null
        ? null
        : TextSegment.from(d.text(), MetadataCodec.fromQuarry(d.metadata()));
  }

  /** Removes by id; ids that are not stored are ignored; null or empty removes nothing. */
  @Override
  public void removeAll(java.util.Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return;
    }
    collection.delete(ids);
  }

  @Override
  public void removeAll(dev.langchain4j.store.embedding.filter.Filter filter) {
    ensureNotNull(filter, "filter");
    collection.lucene().deleteWhere(compile(filter));
  }

  @Override
  public void removeAll() {
    collection.lucene().deleteWhere(new MatchAllDocsQuery());
  }

  Query compile(dev.langchain4j.store.embedding.filter.Filter filter) {
    return new FilterCompiler(collection.fields(), collection.lucene().analyzer())
        .compile(new FilterTranslator(collection.fields()).translate(filter));
  }

  /** Makes every write so far durable against power loss (also done by {@link #close()}). */
  public void commit() {
    collection.commit();
  }

  /** Commits, then closes the collection and the model it owns. */
  @Override
  public void close() {
    try {
      collection.close();
    } finally {
      if (ownsModel) {
        model.close();
      }
    }
  }

  /** Opens or creates the collection; only {@link #path} is required. */
  public static final class Builder {
    private Path path;
    private String modelName = BuiltinModel.DEFAULT.modelName();
    private QuarryEmbeddingModel model;
    private VectorEncoding encoding = VectorEncoding.FLOAT32;
    private HnswParams hnsw = HnswParams.DEFAULTS;
    private KnnOptions knn = KnnOptions.DEFAULTS;

    private Builder() {}

    /** The collection's folder: opened when it holds one, else created. */
    public Builder path(Path value) {
      this.path = value;
      return this;
    }

    /**
     * A built-in model name or model directory (default all-minilm-l6-v2); the store opens it and
     * closes it on {@link #close()}.
     */
    public Builder model(String nameOrDirectory) {
      this.modelName = nameOrDirectory;
      this.model = null;
      return this;
    }

    /** An open model to share (not closed by the store); takes the place of {@link #model}. */
    public Builder embeddingModel(QuarryEmbeddingModel value) {
      this.model = value;
      return this;
    }

    /** How a new collection holds vectors in its index (float32, int8, int4…); ignored on open. */
    public Builder encoding(VectorEncoding value) {
      this.encoding = value;
      return this;
    }

    /** HNSW graph parameters of a new collection; ignored on open. */
    public Builder hnsw(HnswParams value) {
      this.hnsw = value;
      return this;
    }

    /** Search effort (HNSW beam, oversampling of quantized encodings). */
    public Builder knn(KnnOptions value) {
      this.knn = value;
      return this;
    }

    public QuarryEmbeddingStore build() {
      if (path == null) {
        throw QuarryException.invalid("QuarryEmbeddingStore needs a path: builder().path(dir)");
      }
      Objects.requireNonNull(encoding, "encoding");
      boolean owns = model == null;
      QuarryEmbeddingModel m =
          owns ? QuarryEmbeddingModel.builder().model(modelName).build() : model;
      try {
        Collection c =
            Collection.openOrCreate(
                path,
                CollectionConfig.forModel(m.embedder().identity())
                    .withEncoding(encoding)
                    .withHnsw(hnsw));
        if (c.config().similarity() != Similarity.COSINE) {
          c.close();
          throw QuarryException.invalid(
              "collection "
                  + path
                  + " compares by "
                  + c.config().similarity()
                  + "; QuarryEmbeddingStore needs a cosine collection (its scores are cosine"
                  + " relevance)");
        }
        return new QuarryEmbeddingStore(c, m, owns, knn);
      } catch (RuntimeException e) {
        if (owns) {
          m.close();
        }
        throw e;
      }
    }
  }
}
