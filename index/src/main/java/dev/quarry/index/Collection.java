package dev.quarry.index;

import dev.quarry.core.FileTrees;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Vectors;
import dev.quarry.index.internal.DocCodec;
import dev.quarry.index.internal.IndexChecks;
import dev.quarry.index.internal.LuceneIndex;
import dev.quarry.index.internal.Manifest;
import dev.quarry.index.internal.Store;
import dev.quarry.index.internal.TextAnalysis;
import dev.quarry.index.internal.WriterLock;
import dev.quarry.index.spi.IndexFields;
import dev.quarry.index.spi.LuceneAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection on disk: a RocksDB store (the source of truth) and a Lucene HNSW index for search,
 * in one folder (layout: docs/format.md).
 *
 * <p><b>Durability.</b> Every write gets a sequence number and goes to the store first, through its
 * write-ahead log: when {@link #upsert} or {@link #delete} returns, the write survives a crash of
 * this process. {@link #commit()} (and {@link #close()}) fsync the log and commit the index, so
 * writes then survive power loss too. On open, whatever the index lacks is replayed from the store.
 *
 * <p><b>Concurrency.</b> One writer per collection, enforced across processes by a lock file that
 * names its holder. Within a process a writable collection is thread-safe: writes are serialized,
 * searches run concurrently and see every write that returned (near-real-time). Other processes may
 * {@link #openReadOnly} the last commit.
 *
 * <p><b>Resources.</b> Owns the lock, the store, the analyzer and the index; {@link #close()}
 * releases them in reverse order.
 */
public final class Collection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collection.class);
  private static final String STORE_DIR = "store";

  /** Vectors whose length is within this of 1 count as unit vectors (float rounding: ~1e-7). */
  private static final double UNIT_TOLERANCE = 1e-6;

  /** Documents per store write while {@link #addShards} copies a shard. */
  private static final int SHARD_SLICE = 1024;

  private final Path dir;
  private final WriterLock lock;
  private final Store store;
  private final Analyzer analyzer;
  private final ReentrantLock writes = new ReentrantLock();
  private volatile Manifest manifest;
  private volatile LuceneIndex index;
  private long lastSeq;
  private volatile boolean closed;
  private final LuceneAccess lucene = new Access();

  private Collection(
      Path dir,
      WriterLock lock,
      Store store,
      Analyzer analyzer,
      Manifest manifest,
      LuceneIndex index) {
    this.dir = dir;
    this.lock = lock;
    this.store = store;
    this.analyzer = analyzer;
    this.manifest = manifest;
    this.index = index;
    this.lastSeq = store.lastSeq();
  }

  /**
   * Creates a new collection in {@code dir} and opens it for writing. {@code dir} must be missing,
   * empty, or hold only what an interrupted create left (never the user's own files).
   */
  public static Collection create(Path dir, CollectionConfig config) {
    if (Manifest.exists(dir)) {
      throw QuarryException.invalid(
          "a collection already exists in " + dir + ": open it, or choose another folder");
    }
    requireNoForeignFiles(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot create " + dir + ": " + e, e);
    }
    // The manifest is written last, once the store and the index folder exist: a reader never
    // meets a collection without them, and a create killed before it leaves only our own files.
    return openLocked(dir, WriterLock.acquire(dir), false, Manifest.create(config));
  }

  private static void requireNoForeignFiles(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw QuarryException.invalid(
          dir + " is a file, not a Quarry collection; choose a new or empty folder");
    }
    try (Stream<Path> children = Files.list(dir)) {
      if (!children.allMatch(Collection::leftByCreate)) {
        throw QuarryException.invalid(
            dir + " is not a Quarry collection and not empty; choose a new or empty folder");
      }
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot list " + dir + ": " + e, e);
    }
  }

  /**
   * What a create killed before its manifest leaves (the lock, the manifest's temporary file, a new
   * store, an index folder holding only Lucene's lock): anything else is someone else's.
   */
  private static boolean leftByCreate(Path p) {
    String name = p.getFileName().toString();
    if (name.equals(WriterLock.FILE_NAME) || name.equals(Manifest.FILE_NAME + ".tmp")) {
      return Files.isRegularFile(p);
    }
    if (name.equals(STORE_DIR)) {
      return holdsOnly(p, null) || Files.isRegularFile(p.resolve("LOCK")); // RocksDB's first file
    }
    if (name.equals(Manifest.FIRST_LUCENE_DIR)) {
      return holdsOnly(p, "write.lock");
    }
    return false;
  }

  /** Whether {@code dir} is a folder holding nothing, or only a file named {@code allowed}. */
  private static boolean holdsOnly(Path dir, String allowed) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.allMatch(c -> c.getFileName().toString().equals(allowed));
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot list " + dir + ": " + e, e);
    }
  }

  /** Whether {@code dir} holds a collection (its manifest; it is not read). */
  public static boolean exists(Path dir) {
    return Manifest.exists(dir);
  }

  /**
   * The configuration of the collection in {@code dir}, read from its manifest without opening it
   * or taking any lock.
   *
   * @throws QuarryException NOT_FOUND when {@code dir} holds no collection, CORRUPT when its
   *     manifest is damaged
   */
  public static CollectionConfig readConfig(Path dir) {
    return Manifest.read(dir).config();
  }

  /** Opens an existing collection for writing, replaying writes its index lacks. */
  public static Collection open(Path dir) {
    Manifest.read(dir); // a damaged or foreign manifest fails before the lock is taken
    return openLocked(dir, WriterLock.acquire(dir), false, null);
  }

  /**
   * Opens the last commit of a collection for reading; works while another process writes, and
   * after a writer was killed. Before a writer's first commit the index is empty; {@link #get}
   * reads the store, so it finds documents the index does not show yet, and {@link #verify} and
   * {@link #stats} count those as pending.
   */
  public static Collection openReadOnly(Path dir) {
    return openLocked(dir, null, true, null);
  }

  /** Opens {@code dir} for writing, creating it with {@code config} when it holds no collection. */
  public static Collection openOrCreate(Path dir, CollectionConfig config) {
    if (!Manifest.exists(dir)) {
      return create(dir, config);
    }
    Collection c = open(dir);
    try {
      c.requireModel(config.model());
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Opens the collection in {@code dir}; with a {@code created} manifest, writes it once ready. */
  private static Collection openLocked(
      Path dir, WriterLock lock, boolean readOnly, Manifest created) {
    Store store = null;
    Analyzer analyzer = null;
    LuceneIndex index = null;
    try {
      Manifest manifest = created != null ? created : Manifest.read(dir);
      store = Store.open(dir.resolve(STORE_DIR), manifest.config().dimensions(), readOnly);
      analyzer = TextAnalysis.analyzer();
      if (!readOnly) {
        removeStaleIndexes(dir, manifest.luceneDir());
      }
      index =
          LuceneIndex.open(
              dir.resolve(manifest.luceneDir()),
              manifest.config(),
              manifest.rotation(),
              analyzer,
              readOnly);
      if (readOnly && !index.hasCommit()) {
        requireNeverCommitted(index, store);
      }
      if (created != null) {
        created.write(dir);
      }
      Collection c = new Collection(dir, lock, store, analyzer, manifest, index);
      if (!readOnly) {
        c.replay();
      }
      return c;
    } catch (RuntimeException e) {
      closeAll(index, analyzer, store, lock);
      throw e;
    }
  }

  /**
   * An index without a commit is plausible only before the first commit, when the store's log still
   * holds every write; once a commit has truncated the log, the commit must be there.
   */
  private static void requireNeverCommitted(LuceneIndex index, Store store) {
    long first = store.firstLoggedSeq();
    if (store.lastSeq() > 0 && first != 1) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT,
          "index "
              + index.path()
              + " has no commit, but store writes before #"
              + first
              + " were committed to it: rebuild it from the store with 'quarry reindex'");
    }
  }

  /** A reindex that crashed leaves a folder the manifest does not name; it is garbage. */
  private static void removeStaleIndexes(Path dir, String live) {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path p : children.toList()) {
        String name = p.getFileName().toString();
        if (name.matches("lucene-[0-9]+") && !name.equals(live)) {
          LOG.info("deleting {}, left by an interrupted reindex", p);
          FileTrees.delete(p);
        }
      }
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot list " + dir + ": " + e, e);
    }
  }

  /** Brings the index up to the store: re-applies every id written after the last commit. */
  private void replay() {
    long committed = index.committedSeq();
    if (committed > lastSeq) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT,
          "index "
              + index.path()
              + " has writes up to #"
              + committed
              + " but store "
              + dir.resolve(STORE_DIR)
              + " ends at #"
              + lastSeq
              + ": the store lost data; restore a backup");
    }
    if (committed == lastSeq) {
      return;
    }
    Set<String> pending = store.idsWrittenAfter(committed);
    LOG.info(
        "recovering {}: replaying {} ids written after the index's commit (#{} to #{})",
        dir,
        pending.size(),
        committed + 1,
        lastSeq);
    for (String id : pending) {
      DocCodec.Stored stored = store.get(id);
      if (stored == null) {
        index.delete(id);
      } else {
        index.upsert(stored.document(), stored.document().vector());
      }
    }
    commit();
  }

  public Path path() {
    return dir;
  }

  public CollectionConfig config() {
    return manifest.config();
  }

  /**
   * User metadata field types known to the collection: the fields filters can name. Quarry's own
   * {@link SystemFields} are left out.
   */
  public Map<String, FieldType> fields() {
    return Collections.unmodifiableMap(SystemFields.userOnly(manifest.fields()));
  }

  public boolean readOnly() {
    return lock == null;
  }

  /** Fails unless the collection was built with {@code model} (same weights and dimensions). */
  public void requireModel(ModelIdentity model) {
    ModelIdentity built = config().model();
    if (model == null || built == null) {
      return;
    }
    if (!built.equals(model)) {
      throw new QuarryException(
          QuarryException.Kind.INCOMPATIBLE,
          "collection "
              + dir
              + " (manifest "
              + dir.resolve(Manifest.FILE_NAME)
              + ") was built with "
              + built.describe()
              + ", not "
              + model.describe()
              + ": use the same model, or index into a new collection");
    }
  }

  /**
   * Adds or replaces documents by id, atomically: every document is validated first, and either all
   * are written or none. Returns the sequence number of the last write.
   */
  public long upsert(List<Document> documents) {
    checkWritable();
    writes.lock();
    try {
      List<Document> prepared = new ArrayList<>(documents.size());
      Map<String, FieldType> fields = new HashMap<>(manifest.fields());
      boolean newFields = false;
      for (Document d : documents) {
        Objects.requireNonNull(d, "document");
        prepared.add(withVector(d, prepareVector(d.id(), d.vector())));
        for (Map.Entry<String, List<Object>> e : d.metadata().entrySet()) {
          FieldType type = Document.typeOf(e.getValue().get(0));
          FieldType known = fields.putIfAbsent(e.getKey(), type);
          if (known == null) {
            newFields = true;
          } else if (known != type) {
            throw QuarryException.invalid(
                "document '"
                    + d.id()
                    + "': field '"
                    + e.getKey()
                    + "' is "
                    + known.id()
                    + " in this collection, got a "
                    + type.id()
                    + " value");
          }
        }
      }
      if (newFields) {
        // The manifest learns a field before any document has it, so a crash never leaves a typed
        // value the schema does not know.
        Manifest updated = manifest.withFields(fields);
        updated.write(dir);
        manifest = updated;
      }
      storeUpserts(prepared);
      for (Document d : prepared) {
        index.upsert(d, d.vector());
      }
      return lastSeq;
    } finally {
      writes.unlock();
    }
  }

  /** Deletes documents by id; ids that do not exist are ignored. Returns how many were deleted. */
  public int delete(java.util.Collection<String> ids) {
    checkWritable();
    writes.lock();
    try {
      List<String> present = new ArrayList<>();
      for (String id : new LinkedHashSet<>(ids)) {
        if (id != null && store.contains(id)) {
          present.add(id);
        }
      }
      if (present.isEmpty()) {
        return 0;
      }
      long seq = lastSeq;
      try (Store.Batch batch = store.batch()) {
        for (String id : present) {
          batch.delete(id, ++seq);
        }
        store.write(batch);
      }
      lastSeq = seq;
      present.forEach(index::delete);
      return present.size();
    } finally {
      writes.unlock();
    }
  }

  /** Ids of the documents whose parent is {@code parent} (its chunks). */
  public List<String> idsWithParent(String parent) {
    return lucene.idsMatching(new TermQuery(new Term(IndexFields.PARENT, parent)));
  }

  private static List<String> idsMatching(IndexSearcher searcher, Query filter) throws IOException {
    List<String> ids = new ArrayList<>();
    var weight =
        searcher.createWeight(
            searcher.rewrite(filter), org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (var leaf : searcher.getIndexReader().leaves()) {
      var scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      var live = leaf.reader().getLiveDocs();
      var stored = leaf.reader().storedFields();
      var it = scorer.iterator();
      for (int doc = it.nextDoc();
          doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          ids.add(stored.document(doc, Set.of(IndexFields.ID)).get(IndexFields.ID));
        }
      }
    }
    return ids;
  }

  /**
   * The stored document, with its full-precision vector. Reads the store, the source of truth: a
   * read-only collection returns documents written after the index's last commit too.
   */
  public Optional<Document> get(String id) {
    checkOpen();
    DocCodec.Stored stored = store.get(id);
    return Optional.ofNullable(stored == null ? null : stored.document());
  }

  /**
   * Visits every stored document with its full-precision vector, in id byte order, from the store
   * (the source of truth). For work over a whole collection (classification, clustering, maps,
   * near-duplicates); a write during the visit may or may not be seen.
   */
  public void forEachDocument(Consumer<Document> visitor) {
    checkOpen();
    store.forEach(stored -> visitor.accept(stored.document()));
  }

  /** Approximate nearest neighbours of {@code vector}. */
  public List<Hit> search(float[] vector, int k, KnnOptions options) {
    return lucene.search(vector, k, null, options);
  }

  /** Exact nearest neighbours by scanning every vector (ground truth). */
  public List<Hit> exactSearch(float[] vector, int k) {
    return lucene.exactSearch(vector, k, null);
  }

  /**
   * The Lucene-level operations on this collection (filtered search, searchers, the analyzer): for
   * Quarry's own query and engine modules only, with no compatibility promise ({@link
   * dev.quarry.index.spi}).
   */
  public LuceneAccess lucene() {
    return lucene;
  }

  /**
   * {@code options}' efSearch with its 0 resolved: the encoding's default, and twice that for a
   * binary collection whose vectors are not rotated (written before decision 0180): its codes of
   * skewed data need the wider beam (decision 0171).
   */
  private int efSearch(KnnOptions options) {
    VectorEncoding encoding = config().encoding();
    int ef = options.efSearchFor(encoding);
    boolean unrotatedBinary =
        options.efSearch() == 0
            && encoding == VectorEncoding.BINARY
            && manifest.vectorRotation() == null;
    return unrotatedBinary ? 2 * ef : ef;
  }

  /** {@link LuceneAccess} over the live index; the Lucene-typed half of this class. */
  private final class Access implements LuceneAccess {
    @Override
    public int deleteWhere(Query filter) {
      Objects.requireNonNull(filter, "filter"); // never "delete everything" by omission
      checkWritable();
      writes.lock();
      try {
        return delete(idsMatching(filter));
      } finally {
        writes.unlock();
      }
    }

    @Override
    public List<String> idsMatching(Query filter) {
      Query all = filter == null ? new MatchAllDocsQuery() : filter;
      return read(
          current -> current.withSearcher(searcher -> Collection.idsMatching(searcher, all)));
    }

    @Override
    public KnnResult knn(float[] vector, int k, Query filter, KnnOptions options) {
      checkOpen();
      checkK(k);
      float[] query = prepareQuery(vector);
      VectorEncoding encoding = config().encoding();
      return read(
          live ->
              live.knn(
                  query,
                  k,
                  efSearch(options),
                  k * options.oversampleFor(encoding),
                  filter,
                  options.plan()));
    }

    @Override
    public List<Hit> exactSearch(float[] vector, int k, Query filter) {
      checkOpen();
      checkK(k);
      float[] query = prepareQuery(vector);
      return read(live -> live.exact(query, k, filter));
    }

    @Override
    public <T> T withSearcher(SearcherWork<T> work) {
      return read(live -> live.withSearcher(work));
    }

    @Override
    public Analyzer analyzer() {
      return analyzer;
    }
  }

  /**
   * Runs {@code work} on the live index, holding it so that a reindex (or close) that retires it
   * meanwhile releases it only when the work is done. A retired index is never acquired: the loop
   * then reads the index that replaced it.
   */
  private <T> T read(Function<LuceneIndex, T> work) {
    checkOpen();
    while (true) {
      LuceneIndex current = index;
      if (current.tryAcquire()) {
        try {
          return work.apply(current);
        } finally {
          current.release();
        }
      }
      if (current == index) {
        checkOpen();
        throw new QuarryException(
            QuarryException.Kind.IO, "index " + current.path() + " is closed");
      }
    }
  }

  /** Makes every write so far durable against power loss and visible to read-only openers. */
  public void commit() {
    checkWritable();
    writes.lock();
    try {
      store.syncWal();
      index.commit(lastSeq);
      store.truncateLog(lastSeq);
    } finally {
      writes.unlock();
    }
  }

  /**
   * Adds every document of other collections, the shards of one offline job, and commits: each
   * shard must be closed, committed, built with this collection's configuration, and hold ids that
   * no other shard and this collection hold. The store records are rewritten with this collection's
   * sequence numbers; the Lucene segments are copied as they are ({@code addIndexes}), so no graph
   * is rebuilt, and then merged down to at most {@code maxSegments} (0 leaves them as copied). A
   * crash before the commit leaves the store's writes logged: the next open replays them; a failure
   * (a shared id) leaves the documents copied before it, indexed. Returns the number of documents
   * added.
   */
  public long addShards(List<Path> shards, int maxSegments) {
    checkWritable();
    writes.lock();
    try {
      List<Collection> opened = new ArrayList<>();
      long added = 0;
      try {
        for (Path shard : shards) {
          opened.add(openReadOnly(shard));
          Collection s = opened.getLast();
          if (!s.config().equals(config())) {
            throw QuarryException.invalid(
                "shard " + shard + " was built with another configuration than " + dir);
          }
          if (!Objects.equals(s.manifest.vectorRotation(), manifest.vectorRotation())) {
            throw QuarryException.invalid(
                "shard "
                    + shard
                    + " holds its vectors in another layout than "
                    + dir
                    + " (built by another Quarry version): rebuild it with this one");
          }
          manifest = manifest.withFields(mergedFields(s));
        }
        manifest.write(dir); // the schema first, as upsert does
        try {
          for (Collection s : opened) {
            added += copyStore(s);
          }
          index.addIndexes(opened.stream().map(s -> s.index).toList(), maxSegments);
        } catch (RuntimeException e) {
          replay(); // what reached the store reaches the index: partly merged, but consistent
          throw e;
        }
      } finally {
        closeAll(opened.toArray(AutoCloseable[]::new));
      }
      commit();
      return added;
    } finally {
      writes.unlock();
    }
  }

  private Map<String, FieldType> mergedFields(Collection shard) {
    Map<String, FieldType> fields = new HashMap<>(manifest.fields());
    shard
        .manifest
        .fields()
        .forEach(
            (name, type) -> {
              FieldType known = fields.putIfAbsent(name, type);
              if (known != null && known != type) {
                throw QuarryException.invalid(
                    "field '"
                        + name
                        + "' is "
                        + known.id()
                        + " in one shard and "
                        + type.id()
                        + " in "
                        + shard.dir);
              }
            });
    return fields;
  }

  /** Copies a shard's records into the store, a slice per write batch. */
  private long copyStore(Collection shard) {
    List<Document> slice = new ArrayList<>();
    long[] copied = {0};
    shard.store.forEach(
        stored -> {
          Document d = stored.document();
          if (store.contains(d.id())) {
            throw QuarryException.invalid(
                "document '"
                    + d.id()
                    + "' of shard "
                    + shard.dir
                    + " is already in "
                    + dir
                    + ": shards must hold disjoint ids");
          }
          slice.add(d);
          if (slice.size() == SHARD_SLICE) {
            copied[0] += writeSlice(slice);
          }
        });
    return copied[0] + writeSlice(slice);
  }

  private int writeSlice(List<Document> slice) {
    int n = slice.size();
    storeUpserts(slice);
    slice.clear();
    return n;
  }

  /** Writes {@code documents} to the store in one batch, with the next sequence numbers. */
  private void storeUpserts(List<Document> documents) {
    long seq = lastSeq;
    try (Store.Batch batch = store.batch()) {
      for (Document d : documents) {
        batch.upsert(d, ++seq);
      }
      store.write(batch);
    }
    lastSeq = seq;
  }

  /** Merges away deleted documents and commits; the segments stay as they are otherwise. */
  public void compact() {
    compact(0);
  }

  /**
   * Merges away deleted documents and, when {@code maxSegments} is above 0, merges the index down
   * to at most that many segments, then commits. A search walks one HNSW graph per segment, so one
   * segment is the fastest to search; merging rebuilds the merged graphs and takes about as long as
   * building them did (docs/decisions/0157-compact-to-segments.md).
   */
  public void compact(int maxSegments) {
    if (maxSegments < 0) {
      throw QuarryException.invalid(
          "segments must be 1 or more (or 0 to keep them), got " + maxSegments);
    }
    checkWritable();
    writes.lock();
    try {
      // Merging down first: a segment it merges loses its deletes there, so the deletes pass
      // after it rewrites only segments the merge left alone, instead of rewriting them twice.
      if (maxSegments > 0) {
        index.forceMerge(maxSegments);
      }
      index.forceMergeDeletes();
      commit();
    } finally {
      writes.unlock();
    }
  }

  /**
   * Rebuilds the index with another encoding or HNSW parameters from the stored vectors; no model
   * is involved. Searches keep using the old index until the new one is complete; a crash midway
   * leaves the old one in place. Returns the number of documents indexed.
   */
  public long reindex(VectorEncoding encoding, HnswParams hnsw) {
    checkWritable();
    writes.lock();
    try {
      commit();
      CollectionConfig newConfig = config().withEncoding(encoding).withHnsw(hnsw);
      int generation = Integer.parseInt(manifest.luceneDir().substring("lucene-".length())) + 1;
      String newDir = "lucene-" + generation;
      Path newPath = dir.resolve(newDir);
      FileTrees.delete(newPath);
      Manifest updated = manifest.withConfig(newConfig, newDir);
      LuceneIndex fresh = LuceneIndex.open(newPath, newConfig, updated.rotation(), analyzer, false);
      long[] count = {0};
      try {
        store.forEach(
            stored -> {
              fresh.upsert(stored.document(), stored.document().vector());
              count[0]++;
            });
        fresh.commit(lastSeq);
      } catch (RuntimeException e) {
        fresh.close();
        FileTrees.delete(newPath);
        throw e;
      }
      updated.write(dir); // the switch: from here on, the new index is the collection's
      LuceneIndex old = index;
      index = fresh;
      manifest = updated;
      old.closeAndDelete(); // once the searches still running on it are done
      return count[0];
    } finally {
      writes.unlock();
    }
  }

  /** Document count, deleted ratio and bytes per part. */
  public CollectionStats stats() {
    checkOpen();
    // Read-only: the index is the commit opened, fixed; a writable index shows every write.
    long pending = readOnly() ? store.idsWrittenAfter(index.committedSeq()).size() : 0;
    return read(live -> IndexChecks.stats(live, config().encoding(), store.sizeOnDisk(), pending));
  }

  /**
   * Checks Lucene's checksums (CheckIndex) on the last commit, and that store and index agree:
   * every stored id is in the index once, and nothing else is. Ids written after the index's commit
   * (a writer stopped before committing them) are counted as pending, not reported: the next writer
   * replays them. A writable collection commits first.
   */
  public VerifyReport verify() {
    checkOpen();
    if (!readOnly()) {
      commit();
    }
    return read(live -> IndexChecks.verify(live, store));
  }

  private void checkK(int k) {
    if (k < 1 || k > 10_000) {
      throw QuarryException.invalid("k must be in 1..10000, got " + k);
    }
  }

  /** Validates a stored vector and brings it to the form the index compares. */
  private float[] prepareVector(String id, float[] v) {
    CollectionConfig c = config();
    if (v.length != c.dimensions()) {
      throw QuarryException.invalid(
          "document '"
              + id
              + "' has a "
              + v.length
              + "-d vector; this collection holds "
              + c.dimensions()
              + "-d vectors"
              + modelHint(c));
    }
    return switch (c.similarity()) {
      case COSINE -> {
        double norm = Vectors.norm(v);
        if (norm == 0) {
          throw QuarryException.invalid(
              "document '" + id + "' has an all-zero vector, which has no cosine similarity");
        }
        // A vector that is unit length up to float rounding is kept as given: normalizing it again
        // would change its last bits, and callers (framework stores) expect their vector back.
        yield Math.abs(norm - 1) <= UNIT_TOLERANCE ? v : Vectors.normalizeInPlace(v.clone());
      }
      case DOT_PRODUCT -> {
        double norm = Vectors.norm(v);
        if (Math.abs(norm - 1) > 1e-3) {
          throw QuarryException.invalid(
              "document '"
                  + id
                  + "' has a vector of length "
                  + norm
                  + "; dot_product collections"
                  + " need unit vectors: normalize them, or use cosine");
        }
        yield v;
      }
      case EUCLIDEAN -> v;
    };
  }

  private float[] prepareQuery(float[] v) {
    if (v == null) {
      throw QuarryException.invalid("query vector is missing");
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw QuarryException.invalid("query vector has a non-finite value " + x);
      }
    }
    if (v.length != config().dimensions()) {
      throw QuarryException.invalid(
          "query vector has "
              + v.length
              + " dimensions; this collection holds "
              + config().dimensions()
              + "-d vectors"
              + modelHint(config()));
    }
    return config().similarity() == Similarity.COSINE ? Vectors.normalizeInPlace(v.clone()) : v;
  }

  private static String modelHint(CollectionConfig c) {
    return c.model() == null ? "" : " (model " + c.model().name() + ")";
  }

  private static Document withVector(Document d, float[] vector) {
    return vector == d.vector()
        ? d
        : new Document(d.id(), d.title(), d.text(), d.parent(), d.metadata(), vector);
  }

  private void checkOpen() {
    if (closed) {
      throw QuarryException.invalid("collection " + dir + " is closed");
    }
  }

  private void checkWritable() {
    checkOpen();
    if (readOnly()) {
      throw QuarryException.invalid(
          "collection " + dir + " is open read-only: open it for writing to change it");
    }
  }

  /** Commits (if writable) and releases everything, in reverse order of acquisition. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    writes.lock();
    try {
      if (!readOnly()) {
        commit();
      }
    } finally {
      closed = true;
      writes.unlock();
      closeAll(index, analyzer, store, lock);
    }
  }

  /** Closes each resource in the order given, even after a failure; failures are combined. */
  private static void closeAll(AutoCloseable... resources) {
    RuntimeException first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first =
              e instanceof RuntimeException re
                  ? re
                  : new QuarryException(QuarryException.Kind.IO, e.toString(), e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
