package dev.quarry.engine;

import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.embed.DeferredEmbedder;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.TextEmbedder;
import dev.quarry.engine.embed.remote.RemoteEmbedder;
import dev.quarry.engine.ingest.EmbeddingCache;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionStats;
import dev.quarry.index.Document;
import dev.quarry.index.HnswParams;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.VerifyReport;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchResult;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.spi.FilterCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quarry's Java API: a collection on disk with its embedding model, ready to ingest and search.
 *
 * <pre>{@code
 * try (Quarry q = Quarry.openOrCreate(Path.of("notes"), QuarryConfig.DEFAULTS)) {
 *   q.upsert(List.of(TextDocument.of("n1", "Lucene builds HNSW graphs for vector search")));
 *   SearchResult r = q.search("how are vector indexes built?", 5);
 * }
 * }</pre>
 *
 * <p>Thread-safe: searches run concurrently with each other and with writes; writes are serialized.
 * Owns the collection, the embedder and a reference to the shared embedding cache; {@link #close()}
 * commits and releases them in reverse order. One writer per folder across processes; {@link
 * #openReadOnly} for more readers.
 */
public final class Quarry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Quarry.class);
  private final Collection collection;
  private final TextEmbedder embedder;
  private final EmbeddingCache cache;
  private final QueryEngine engine;
  private final QuarryConfig config;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Quarry(
      Collection collection, TextEmbedder embedder, EmbeddingCache cache, QuarryConfig config) {
    this.collection = collection;
    this.embedder = embedder;
    this.cache = cache;
    this.config = config;
    this.engine = new QueryEngine(collection, embedder);
  }

  /** Creates a collection in {@code dir} (which must hold none). */
  public static Quarry create(Path dir, QuarryConfig config) {
    // Ingestion follows: a local model loads while the collection is created.
    TextEmbedder embedder = openEmbedder(config, true);
    try {
      Collection c = Collection.create(dir, config.collectionConfig(embedder.identity()));
      return new Quarry(
          c, embedder, config.embeddingCache() ? SharedCache.acquire() : null, config);
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
  }

  /** Opens an existing collection for writing, with the built-in model it was created with. */
  public static Quarry open(Path dir) {
    return open(dir, null, false);
  }

  /**
   * Opens an existing collection with {@code config}'s options; {@code config.model()} must be the
   * model the collection was built with (a model directory must be named this way). A null config,
   * or a null model in it, uses the built-in model recorded in the collection.
   */
  public static Quarry open(Path dir, QuarryConfig config) {
    return open(dir, config, false);
  }

  /** Opens the last commit for searching, beside a writer in another process. */
  public static Quarry openReadOnly(Path dir) {
    return open(dir, null, true);
  }

  /** {@link #openReadOnly(Path)} with options; {@code config} may be null for the defaults. */
  public static Quarry openReadOnly(Path dir, QuarryConfig config) {
    return open(dir, config, true);
  }

  /** Opens {@code dir}, creating the collection with {@code config} when there is none. */
  public static Quarry openOrCreate(Path dir, QuarryConfig config) {
    return Collection.exists(dir) ? open(dir, config) : create(dir, config);
  }

  private static Quarry open(Path dir, QuarryConfig config, boolean readOnly) {
    // The model is named in the collection's config, read before the collection opens so that
    // a local model can load meanwhile.
    var built = Collection.readConfig(dir).model();
    if (built == null) {
      throw QuarryException.invalid(
          collectionHint(dir)
              + " holds vectors without a model; use dev.quarry.index.Collection for it");
    }
    QuarryConfig cfg = withBuiltDimensions(dir, config, built);
    TextEmbedder embedder =
        openEmbedder(cfg, cfg.modelLoading() == QuarryConfig.ModelLoading.AT_OPEN);
    Collection c = null;
    try {
      c = readOnly ? Collection.openReadOnly(dir) : Collection.open(dir);
      c.requireModel(embedder.identity());
      return new Quarry(
          c, embedder, cfg.embeddingCache() && !readOnly ? SharedCache.acquire() : null, cfg);
    } catch (RuntimeException e) {
      embedder.close();
      if (c != null) {
        c.close();
      }
      throw e;
    }
  }

  /**
   * Remote calls happen only here, and only when a remote model is configured: the default path
   * never builds an HTTP client.
   */
  private static TextEmbedder openEmbedder(QuarryConfig config, boolean loadNow) {
    if (config.remote() != null) {
      return RemoteEmbedder.open(config.remote());
    }
    DeferredEmbedder local =
        DeferredEmbedder.of(ModelRepository.resolve(config.model()), config.embedder());
    return loadNow ? local.prefetch() : local;
  }

  /**
   * {@code config} (or the defaults for the built-in model the collection names) with the
   * collection's dimensions, so that a remote model needs no probe call and a local one truncates
   * as the collection does.
   */
  private static QuarryConfig withBuiltDimensions(
      Path dir, QuarryConfig config, ModelIdentity built) {
    if (built.isRemote() && (config == null || config.remote() == null)) {
      throw QuarryException.invalid(
          collectionHint(dir)
              + " was built with the remote model "
              + built.describe()
              + ": name it again (--embed-url URL --embed-model "
              + built.name()
              + ")");
    }
    QuarryConfig cfg = config != null ? config : QuarryConfig.DEFAULTS.withModel(null);
    if (cfg.remote() == null && cfg.model() == null) { // the collection's own model
      cfg = cfg.withModel(modelSpec(dir, built.name()));
    }
    return cfg.remote() != null
        ? cfg.withRemote(cfg.remote().withDimensions(built.dimensions()))
        : cfg.withEmbedder(cfg.embedder().withDimensions(built.dimensions()));
  }

  private static String modelSpec(Path dir, String name) {
    for (BuiltinModel m : BuiltinModel.values()) {
      if (m.modelName().equals(name)) {
        return name;
      }
    }
    throw QuarryException.invalid(
        collectionHint(dir)
            + " was built with model '"
            + name
            + "' from a model directory: pass that directory (--model DIR)");
  }

  private static String collectionHint(Path dir) {
    return "collection " + dir;
  }

  /** Adds or replaces documents (chunked, embedded, committed on {@link #commit()}). */
  public IngestReport upsert(List<TextDocument> documents) {
    return ingest(
        List.of(RecordReader.of("document", documents)),
        Progress.none(),
        IngestPipeline.Options.DEFAULTS);
  }

  /** Runs an ingestion job over readers, with progress; see {@link IngestPipeline}. */
  public IngestReport ingest(
      List<RecordReader> readers, Progress progress, IngestPipeline.Options options) {
    return pipeline(options).run(readers, progress);
  }

  /** A pipeline for this collection, for callers that need to stop it (Ctrl-C). */
  public IngestPipeline pipeline(IngestPipeline.Options options) {
    return new IngestPipeline(collection, embedder, embedder, cache, config.chunking(), options);
  }

  public SearchResult search(SearchRequest request) {
    return engine.search(request);
  }

  public SearchResult search(String text, int k) {
    return engine.search(SearchRequest.builder(text).k(k).build());
  }

  public Optional<Document> get(String id) {
    return collection.get(id);
  }

  /** Deletes documents by id, and the chunks of any document among them. */
  public int delete(java.util.Collection<String> ids) {
    java.util.Set<String> all = new java.util.LinkedHashSet<>(ids);
    for (String id : ids) {
      all.addAll(collection.idsWithParent(id));
    }
    return collection.delete(all);
  }

  /** Deletes every document matching {@code filter}. */
  public int delete(Filter filter) {
    return collection
        .lucene()
        .deleteWhere(
            new FilterCompiler(collection.fields(), collection.lucene().analyzer())
                .compile(filter));
  }

  public CollectionStats stats() {
    return collection.stats();
  }

  public VerifyReport verify() {
    return collection.verify();
  }

  public long reindex(VectorEncoding encoding, HnswParams hnsw) {
    return collection.reindex(encoding, hnsw);
  }

  public void compact() {
    collection.compact();
  }

  /** Merges away deleted documents and down to at most {@code maxSegments} (0: keep them). */
  public void compact(int maxSegments) {
    collection.compact(maxSegments);
  }

  public void commit() {
    collection.commit();
  }

  /** The underlying collection (for advanced use; owned by this object). */
  public Collection collection() {
    return collection;
  }

  /**
   * The embedder (owned by this object): in process (loaded on first use if it was not yet), or
   * remote when configured.
   */
  public TextEmbedder embedder() {
    return embedder;
  }

  /**
   * Releases the shared embedding cache, closes the embedder (after its running calls) and then the
   * collection (which commits): the reverse of the order the constructor takes them. Every step
   * runs even if one fails; the first failure is thrown. Idempotent: a second call does nothing, so
   * it never releases the shared cache twice under another open Quarry.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    long start = System.nanoTime();
    RuntimeException failure = null;
    for (Runnable step :
        List.<Runnable>of(
            () -> {
              if (cache != null) {
                SharedCache.release();
              }
            },
            embedder::close,
            collection::close)) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    LOG.debug("closed {} in {} ms", collection.path(), (System.nanoTime() - start) / 1_000_000);
    if (failure != null) {
      throw failure;
    }
  }

  /** One embedding cache per process, shared by every open Quarry (RocksDB locks per process). */
  static final class SharedCache {
    private static EmbeddingCache cache;
    private static int users;

    private SharedCache() {}

    static synchronized EmbeddingCache acquire() {
      if (cache == null) {
        Path dir = QuarryHome.dir("cache").resolve("embeddings");
        cache = EmbeddingCache.open(dir);
        if (cache == null) {
          LOG.info(
              "another process holds the embedding cache {}; embedding without it (slower)", dir);
          return null;
        }
      }
      users++;
      return cache;
    }

    static synchronized void release() {
      if (--users == 0) {
        cache.close();
        cache = null;
      }
    }

    /** Open Quarry objects holding the cache (for tests). */
    static synchronized int users() {
      return users;
    }
  }
}
