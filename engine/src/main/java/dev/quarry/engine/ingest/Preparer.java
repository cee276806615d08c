package dev.quarry.engine.ingest;

import dev.quarry.core.Embedder;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.Role;
import dev.quarry.core.TokenCounter;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.index.SystemFields;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns text documents into stored chunks: skips documents whose content hash is unchanged, chunks
 * the rest with the model's tokenizer, takes embeddings from the cache where it has them and runs
 * the model for the others, and lists the old chunks a changed document no longer has.
 *
 * <p>Chunk ids: a document that fits in one chunk keeps its id; a longer one becomes {@code id#0},
 * {@code id#1}, … with {@code parent = id}. Every chunk carries the parent's metadata and, as
 * system fields, {@link SystemFields#CONTENT_HASH} and, when there are several, {@link
 * SystemFields#CHUNK} (its position).
 *
 * <p>Thread-safe: the pipeline prepares batches concurrently, so that the model is never idle while
 * a batch is being chunked and hashed.
 */
final class Preparer {
  /** Where record version 1 kept the hash (docs/format.md): still read, so no re-embedding. */
  static final String LEGACY_HASH_FIELD = "content_hash";

  /**
   * Part of every content hash: when the chunking rules change, every document counts as changed
   * once and is cut again (its unchanged chunks' embeddings come from the cache). v2: long titles
   * shrink the chunk budget.
   */
  private static final String CHUNKING_VERSION = "chunking-v2";

  private final Collection collection;
  private final Embedder embedder;
  private final EmbeddingCache cache;
  private final Chunker chunker;
  private final int modelMax;
  private final String hashSalt;
  private final byte[] namespace;

  Preparer(
      Collection collection,
      Embedder embedder,
      TokenCounter tokens,
      EmbeddingCache cache,
      ChunkOptions options) {
    this.collection = collection;
    this.embedder = embedder;
    this.cache = cache;
    int budget = options.budget(embedder.maxTokens());
    this.modelMax = embedder.maxTokens();
    this.chunker = new Chunker(tokens, budget, options.overlapTokens());
    ModelIdentity m = embedder.identity();
    this.hashSalt =
        String.join(
            "|",
            m.name(),
            m.weightsSha256(),
            m.pooling(),
            Integer.toString(m.dimensions()),
            Integer.toString(budget),
            CHUNKING_VERSION,
            Integer.toString(options.overlapTokens()));
    this.namespace = EmbeddingCache.namespace(m, Role.PASSAGE);
  }

  /** One changed document, ready to write. */
  record Prepared(String id, List<Document> chunks, List<String> orphans) {}

  /** Counts for the report; batches are prepared concurrently, so they are adders. */
  static final class Counters {
    final LongAdder skipped = new LongAdder();
    final LongAdder cached = new LongAdder();
    final LongAdder embedded = new LongAdder();
    final LongAdder truncated = new LongAdder();
  }

  List<Prepared> prepare(List<TextDocument> docs, Counters counters) {
    List<Prepared> out = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<List<Document.Builder>> builders = new ArrayList<>();
    List<TextDocument> changed = new ArrayList<>();
    List<Boolean> existed = new ArrayList<>();
    for (TextDocument d : docs) {
      String hash = hash(d);
      Document stored = collection.get(d.id()).or(() -> collection.get(d.id() + "#0")).orElse(null);
      if (hash.equals(storedHash(stored))) {
        counters.skipped.increment();
        continue;
      }
      existed.add(stored != null);
      List<String> chunks = chunker.forTitle(d.title(), modelMax).chunk(d.text());
      List<Document.Builder> bs = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        String id = chunks.size() == 1 ? d.id() : d.id() + "#" + i;
        Document.Builder b =
            Document.builder(id)
                .title(d.title())
                .text(chunks.get(i))
                .parent(chunks.size() == 1 ? null : d.id());
        d.metadata().forEach(b::meta);
        b.system(SystemFields.CONTENT_HASH, hash);
        if (chunks.size() > 1) {
          b.system(SystemFields.CHUNK, (long) i);
        }
        bs.add(b);
        texts.add(Chunker.withTitle(d.title(), chunks.get(i)));
      }
      builders.add(bs);
      changed.add(d);
    }
    List<float[]> vectors = embed(texts, counters);
    int next = 0;
    for (int i = 0; i < changed.size(); i++) {
      List<Document> chunks = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      for (Document.Builder b : builders.get(i)) {
        Document doc = b.vector(vectors.get(next++)).build();
        chunks.add(doc);
        ids.add(doc.id());
      }
      // Only a document stored before can leave old chunks behind; new ones need no index lookup.
      List<String> orphans = existed.get(i) ? orphans(changed.get(i).id(), ids) : List.of();
      out.add(new Prepared(changed.get(i).id(), chunks, orphans));
    }
    return out;
  }

  /** The content hash a stored document was written with, or null. */
  private static String storedHash(Document stored) {
    if (stored == null) {
      return null;
    }
    Object hash = stored.first(SystemFields.CONTENT_HASH);
    if (hash == null) {
      hash = stored.first(LEGACY_HASH_FIELD);
    }
    return hash == null ? null : hash.toString();
  }

  private List<float[]> embed(List<String> texts, Counters counters) {
    List<float[]> vectors =
        cache == null ? new ArrayList<>() : cache.get(namespace, texts, embedder.dimensions());
    if (cache == null) {
      texts.forEach(t -> vectors.add(null));
    }
    List<String> missing = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (vectors.get(i) == null) {
        missing.add(texts.get(i));
        where.add(i);
      } else {
        counters.cached.increment();
      }
    }
    if (!missing.isEmpty()) {
      var embedded = embedder.embed(missing, Role.PASSAGE);
      counters.embedded.add(missing.size());
      counters.truncated.add(embedded.truncated());
      for (int j = 0; j < missing.size(); j++) {
        vectors.set(where.get(j), embedded.get(j));
      }
      if (cache != null) {
        cache.put(namespace, missing, embedded.vectors());
      }
    }
    return vectors;
  }

  /** Chunks of {@code id} stored before that the new version does not have. */
  private List<String> orphans(String id, Set<String> keep) {
    Set<String> old = new LinkedHashSet<>(collection.idsWithParent(id));
    if (collection.get(id).isPresent()) {
      old.add(id);
    }
    old.removeAll(keep);
    return new ArrayList<>(old);
  }

  private String hash(TextDocument d) {
    StringBuilder sb =
        new StringBuilder(hashSalt)
            .append('\u0000')
            .append(d.title())
            .append('\u0000')
            .append(d.text());
    for (Map.Entry<String, Object> e : new java.util.TreeMap<>(d.metadata()).entrySet()) {
      sb.append('\u0000').append(e.getKey()).append('=').append(e.getValue());
    }
    return HexFormat.of().formatHex(EmbeddingCache.sha256(sb.toString()));
  }
}
