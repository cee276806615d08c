package dev.quarry.index.internal;

import dev.quarry.core.FileTrees;
import dev.quarry.core.QuarryException;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.KnnResult;
import dev.quarry.index.KnnResult.Strategy;
import dev.quarry.index.spi.DocIds;
import dev.quarry.index.spi.IndexFields;
import dev.quarry.index.spi.LuceneAccess;
import dev.quarry.index.spi.VectorRotation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search side of a collection: one Lucene index with an HNSW vector field. Writable (an {@link
 * IndexWriter} with near-real-time searchers) or read-only (the last commit, or an empty snapshot
 * when no commit exists yet: a first ingest that has not reached its first commit).
 *
 * <p>Owns its directory, writer and searcher manager. {@link #close()} releases them in reverse
 * order once no search holds the index any more ({@link #tryAcquire}/{@link #release}): a reindex
 * may retire an index while searches still run on it. Thread-safe: Lucene's writer and searcher
 * manager are.
 */
public final class LuceneIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);

  /** Commit user-data key: the last store sequence number this commit contains. */
  static final String SEQ_KEY = "quarry.seq";

  private final Path path;
  private final CollectionConfig config;
  private final VectorSimilarityFunction similarity;

  /** Applied to every vector indexed and every query; null where vectors are indexed as given. */
  private final VectorRotation rotation;

  private final Directory directory;
  private final IndexWriter writer;

  /**
   * Writable: whether new documents carry their id as doc values (decision 0181); not for an index
   * whose ids were written without them, as Lucene lets no field change its doc values type.
   */
  private final boolean idDocValues;

  private final ReferenceManager<IndexSearcher> searchers;

  /** Read-only: the sequence number of the commit it reads (0 for none); writable: unused. */
  private final long snapshotSeq;

  /** Read-only: whether a commit was found; writable: unused. */
  private final boolean snapshotHasCommit;

  /** The owner's reference plus one per running search; at 0 the resources are released. */
  private final AtomicInteger references = new AtomicInteger(1);

  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean deleteWhenReleased;

  private LuceneIndex(
      Path path,
      CollectionConfig config,
      VectorRotation rotation,
      Directory directory,
      IndexWriter writer,
      ReferenceManager<IndexSearcher> searchers,
      long snapshotSeq,
      boolean snapshotHasCommit) {
    this.path = path;
    this.config = config;
    this.similarity = VectorFormats.similarity(config.similarity());
    this.rotation = rotation;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.snapshotSeq = snapshotSeq;
    this.snapshotHasCommit = snapshotHasCommit;
    this.idDocValues = writer != null && idDocValues(searchers);
  }

  /** Yes for a new index and for one whose ids have doc values; no for ids written without. */
  private static boolean idDocValues(ReferenceManager<IndexSearcher> searchers) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        DocValuesType layout = idLayout(searcher);
        return layout == null || layout == DocValuesType.BINARY;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The doc-values type of the ids {@code searcher} sees; null while it sees no document. */
  private static DocValuesType idLayout(IndexSearcher searcher) {
    FieldInfo id =
        FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(IndexFields.ID);
    return id == null ? null : id.getDocValuesType();
  }

  /**
   * Opens the index in {@code path}; {@code rotation} (null for none) is the transform its vectors
   * went through, as the manifest records it.
   */
  public static LuceneIndex open(
      Path path,
      CollectionConfig config,
      VectorRotation rotation,
      Analyzer analyzer,
      boolean readOnly) {
    return readOnly
        ? openReadOnly(path, config, rotation)
        : openWritable(path, config, rotation, analyzer);
  }

  /**
   * The last commit; without one (the folder is missing, or a first ingest has not committed yet)
   * an empty snapshot, and the caller decides whether that is plausible.
   */
  private static LuceneIndex openReadOnly(
      Path path, CollectionConfig config, VectorRotation rotation) {
    Directory directory = null;
    DirectoryReader reader = null;
    try {
      // FSDirectory.open creates a missing folder; a reader must not write.
      directory = Files.isDirectory(path) ? IndexDirectory.open(path) : null;
      if (directory != null) {
        try {
          reader = DirectoryReader.open(directory);
        } catch (IndexNotFoundException noCommitYet) {
          // an empty snapshot, below
        }
      }
      if (reader == null) {
        return new LuceneIndex(
            path, config, rotation, directory, null, new EmptySearchers(), 0, false);
      }
      long seq = seqOf(reader.getIndexCommit().getUserData());
      return new LuceneIndex(
          path, config, rotation, directory, null, new SearcherManager(reader, null), seq, true);
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader);
      closeQuietly(directory);
      throw translate("open", path, e);
    }
  }

  private static LuceneIndex openWritable(
      Path path, CollectionConfig config, VectorRotation rotation, Analyzer analyzer) {
    Directory directory = null;
    IndexWriter writer = null;
    try {
      directory = IndexDirectory.open(path);
      IndexWriterConfig iwc = new IndexWriterConfig(analyzer);
      iwc.setCodec(VectorFormats.codec(config));
      iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      iwc.setRAMBufferSizeMB(256);
      // Separate files per part (no compound files), so that stats can tell vectors from graph.
      iwc.setUseCompoundFile(false);
      TieredMergePolicy merges = new TieredMergePolicy();
      merges.setNoCFSRatio(0);
      merges.setForceMergeDeletesPctAllowed(0); // compact() reclaims every deleted document
      iwc.setMergePolicy(merges);
      iwc.setCommitOnClose(false); // commits happen only through commit(seq)
      writer = new IndexWriter(directory, iwc);
      SearcherManager searchers = new SearcherManager(writer, null);
      return new LuceneIndex(path, config, rotation, directory, writer, searchers, 0, false);
    } catch (IOException | RuntimeException e) {
      closeQuietly(writer);
      closeQuietly(directory);
      throw translate("open", path, e);
    }
  }

  private static long seqOf(Map<String, String> userData) {
    String seq = userData.get(SEQ_KEY);
    return seq == null ? 0 : Long.parseLong(seq);
  }

  static QuarryException translate(String what, Path path, Exception e) {
    if (e instanceof QuarryException q) {
      return q;
    }
    if (e instanceof CorruptIndexException
        || e instanceof java.io.EOFException
        || e instanceof java.nio.file.NoSuchFileException) {
      return new QuarryException(
          QuarryException.Kind.CORRUPT,
          "index "
              + path
              + " is damaged: "
              + e.getMessage()
              + " (run 'quarry verify'; rebuild with 'quarry reindex' from the store)",
          e);
    }
    if (e instanceof IndexFormatTooOldException || e instanceof IndexFormatTooNewException) {
      return new QuarryException(
          QuarryException.Kind.INCOMPATIBLE, "index " + path + ": " + e.getMessage(), e);
    }
    return new QuarryException(
        QuarryException.Kind.IO, "index " + path + ": " + what + " failed: " + e, e);
  }

  /**
   * The last store sequence number the commit contains (0 for none): for a read-only index the
   * commit it reads, for a writable one the latest.
   */
  public long committedSeq() {
    if (writer == null) {
      return snapshotSeq;
    }
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return 0;
      }
      return seqOf(SegmentInfos.readLatestCommit(directory).getUserData());
    } catch (IOException | RuntimeException e) {
      throw translate("read commit", path, e);
    }
  }

  /** Whether the index has a commit (read-only: whether the snapshot it reads is one). */
  public boolean hasCommit() {
    if (writer == null) {
      return snapshotHasCommit;
    }
    try {
      return DirectoryReader.indexExists(directory);
    } catch (IOException e) {
      throw translate("read commit", path, e);
    }
  }

  /** Adds or replaces a document; {@code vector} is already prepared (normalized for cosine). */
  public void upsert(Document d, float[] vector) {
    try {
      writer()
          .updateDocument(
              new Term(IndexFields.ID, d.id()),
              LuceneDocs.toLucene(d, rotated(vector), similarity, idDocValues));
    } catch (IOException | RuntimeException e) {
      throw translate("write", path, e);
    }
  }

  public void delete(String id) {
    try {
      writer().deleteDocuments(new Term(IndexFields.ID, id));
    } catch (IOException | RuntimeException e) {
      throw translate("delete", path, e);
    }
  }

  /** Commits everything written so far, recording the store sequence number it reaches. */
  public void commit(long seq) {
    try {
      writer().setLiveCommitData(Map.of(SEQ_KEY, Long.toString(seq)).entrySet());
      writer().commit();
    } catch (IOException | RuntimeException e) {
      throw translate("commit", path, e);
    }
  }

  /**
   * Copies the last commit of each index in {@code shards} (segments as they are, no graph
   * rebuilt), then merges down to at most {@code maxSegments} when it is above 0. Refuses, before
   * copying anything, shards whose ids are kept in another layout than this index's or each other's
   * (decision 0181: Lucene fixes a field's doc-values type per index and would fail midway with its
   * own message).
   */
  public void addIndexes(List<LuceneIndex> shards, int maxSegments) {
    DocValuesType layout = idLayout();
    Path layoutOf = path;
    for (LuceneIndex shard : shards) {
      DocValuesType other = shard.idLayout();
      if (layout == null) {
        layout = other;
        layoutOf = shard.path;
      } else if (other != null && other != layout) {
        throw QuarryException.invalid(
            "shard "
                + shard.path
                + " keeps document ids in another layout than "
                + layoutOf
                + " (one was written by an older Quarry): rebuild the older one with this Quarry"
                + " ('quarry reindex' for a collection)");
      }
    }
    try {
      writer().addIndexes(shards.stream().map(s -> s.directory).toArray(Directory[]::new));
      if (maxSegments > 0) {
        writer().forceMerge(maxSegments);
      }
    } catch (IOException | RuntimeException e) {
      throw translate("add shards to", path, e);
    }
  }

  /** The doc-values type of the ids in this index; null while it holds no document. */
  private DocValuesType idLayout() {
    return withSearcher(LuceneIndex::idLayout);
  }

  /** Merges down to at most {@code maxSegments} segments, rebuilding their graphs as one. */
  public void forceMerge(int maxSegments) {
    try {
      writer().forceMerge(maxSegments);
    } catch (IOException | RuntimeException e) {
      throw translate("merge", path, e);
    }
  }

  public void forceMergeDeletes() {
    try {
      writer().forceMergeDeletes(true);
    } catch (IOException | RuntimeException e) {
      throw translate("merge", path, e);
    }
  }

  private IndexWriter writer() {
    if (writer == null) {
      throw new QuarryException(
          QuarryException.Kind.INVALID_ARGUMENT,
          "collection is open read-only: open it for writing");
    }
    return writer;
  }

  /** Runs {@code work} on a current searcher (refreshed to see every write so far). */
  public <T> T withSearcher(LuceneAccess.SearcherWork<T> work) {
    try {
      if (writer != null) {
        searchers.maybeRefreshBlocking();
      }
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw translate("search", path, e);
    }
  }

  /**
   * Approximate nearest neighbours: an HNSW walk whose beam {@link KnnPlanner} derives from {@code
   * efSearch}, every candidate of its beam rescored with full-precision vectors when the encoding
   * is quantized (the beam is never smaller than {@code rescore}), the top {@code k} returned. With
   * a {@code filter} (may be null), the documents that pass are found once; when they are few
   * enough (and {@code plan} allows) an exact scan of them is cheaper than the walk and is used
   * instead, otherwise the walk visits only them.
   */
  public KnnResult knn(
      float[] given, int k, int efSearch, int rescore, Query filter, KnnOptions.Plan plan) {
    float[] query = rotated(given);
    return withSearcher(
        searcher -> {
          int total = searcher.getIndexReader().numDocs();
          int candidates = config.encoding().quantized() ? rescore : k;
          if (filter == null) {
            int beam = KnnPlanner.beam(candidates, efSearch, total, total);
            return new KnnResult(
                graph(searcher, query, k, beam, rescore, null),
                Strategy.GRAPH,
                efSearch,
                beam,
                total,
                total);
          }
          FilterBits bits = FilterBits.of(searcher, filter);
          boolean exact =
              switch (plan) {
                case EXACT -> true;
                case GRAPH -> false;
                case AUTO -> KnnPlanner.preferExactScan(bits.count(), total, efSearch);
              };
          if (exact) {
            return new KnnResult(
                exact(searcher, query, k, bits),
                Strategy.EXACT_SCAN,
                efSearch,
                0,
                bits.count(),
                total);
          }
          int beam = KnnPlanner.beam(candidates, efSearch, bits.count(), total);
          return new KnnResult(
              graph(searcher, query, k, beam, rescore, bits.asQuery()),
              Strategy.FILTERED_GRAPH,
              efSearch,
              beam,
              bits.count(),
              total);
        });
  }

  private List<Hit> graph(
      IndexSearcher searcher, float[] query, int k, int beam, int rescore, Query filter)
      throws IOException {
    // The walk keeps `beam` candidates. Float32 collects only the best `rescore` (k), as nothing
    // reads the others; a quantized walk has all of them rescored (never fewer than `rescore`, as
    // the beam is at least that), so that a larger efSearch buys recall even where the codes rank
    // poorly: with a fixed rescore count, binary codes stopped near recall 0.92 on Fashion-MNIST
    // whatever the effort (decision 0072).
    int collect = config.encoding().quantized() ? beam : rescore;
    // Unfiltered walks run on our own searcher where the segments allow: quantized ones score the
    // codes in place (decision 0120), float32 ones over one segment walk decoded neighbour lists
    // (decision 0166).
    ScoreDoc[] docs =
        filter != null
            ? null
            : config.encoding().quantized()
                ? QuantizedWalk.candidates(searcher, query, beam)
                : FloatWalk.top(searcher, query, beam, collect);
    if (docs == null) {
      TopDocs top =
          searcher.search(
              new KnnFloatVectorQuery(IndexFields.VECTOR, query, beam, filter), collect);
      docs = top.scoreDocs;
    }
    if (config.encoding().quantized()) {
      // Rescored with the full-precision vectors Lucene keeps beside the quantized ones.
      docs = new ExactScan(query, docs.length).rescore(searcher, docs);
    }
    return hits(searcher, docs, k);
  }

  /** Exact nearest neighbours by scanning every (filtered) vector: ground truth, small filters. */
  public List<Hit> exact(float[] given, int k, Query filter) {
    float[] query = rotated(given);
    return withSearcher(
        searcher ->
            exact(searcher, query, k, filter == null ? null : FilterBits.of(searcher, filter)));
  }

  /** A vector or query as the index holds vectors: rotated where the manifest says so. */
  private float[] rotated(float[] vector) {
    return rotation == null ? vector : rotation.apply(vector);
  }

  /** Scores every live document (of {@code bits}, when given) with full-precision vectors. */
  private List<Hit> exact(IndexSearcher searcher, float[] query, int k, FilterBits bits)
      throws IOException {
    ScoreDoc[] docs = new ExactScan(query, k).top(searcher, bits);
    return hits(searcher, docs, k);
  }

  private List<Hit> hits(IndexSearcher searcher, ScoreDoc[] docs, int k) throws IOException {
    int n = Math.min(k, docs.length);
    int[] top = new int[n];
    for (int i = 0; i < n; i++) {
      top[i] = docs[i].doc;
    }
    String[] ids = DocIds.of(searcher, top);
    List<Hit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hits.add(new Hit(ids[i], similarityOf(docs[i].score), docs[i].doc));
    }
    return hits;
  }

  /** Lucene's normalized score back to the collection's similarity (see {@link Hit#score()}). */
  private float similarityOf(float luceneScore) {
    return similarity == VectorSimilarityFunction.DOT_PRODUCT ? 2 * luceneScore - 1 : luceneScore;
  }

  public Path path() {
    return path;
  }

  /** The index folder's directory; null for a read-only index whose folder does not exist. */
  public Directory directory() {
    return directory;
  }

  /**
   * Takes a reference for one search; false once the index has been released. Pair with {@link
   * #release()}.
   */
  public boolean tryAcquire() {
    for (int n = references.get(); n > 0; n = references.get()) {
      if (references.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Gives back a {@link #tryAcquire} reference; the last one out releases the resources. */
  public void release() {
    if (references.decrementAndGet() == 0) {
      try {
        releaseResources();
      } catch (RuntimeException e) {
        // A search that finished last must not fail for it; the next writer deletes stale folders.
        LOG.warn("closing the retired index {} failed: {}", path, e.getMessage());
      }
    }
  }

  /**
   * Closes the index, and deletes its folder, once the last search on it has finished. For an index
   * a reindex replaced.
   */
  public void closeAndDelete() {
    deleteWhenReleased = true;
    close();
  }

  /**
   * Gives up the owner's reference (idempotent); resources are released now, or when the last
   * running search finishes. Uncommitted changes are dropped: they live in the store's log and are
   * replayed on the next open.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && references.decrementAndGet() == 0) {
      releaseResources();
    }
  }

  /** Searchers, writer, directory: reverse order of acquisition, each tried, failures combined. */
  private void releaseResources() {
    QuarryException failure = null;
    failure = tryClose(searchers, failure);
    failure = tryClose(writer == null ? null : writer::rollback, failure);
    failure = tryClose(directory, failure);
    if (deleteWhenReleased && failure == null) {
      FileTrees.delete(path);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private QuarryException tryClose(AutoCloseable resource, QuarryException failure) {
    if (resource == null) {
      return failure;
    }
    try {
      resource.close();
      return failure;
    } catch (Exception e) {
      if (failure == null) {
        return translate("close", path, e);
      }
      failure.addSuppressed(e);
      return failure;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already failing
      }
    }
  }

  /** The searcher of a read-only index without a commit: an empty reader, never refreshed. */
  private static final class EmptySearchers extends ReferenceManager<IndexSearcher> {
    EmptySearchers() throws IOException {
      current = new IndexSearcher(new MultiReader());
    }

    @Override
    protected void decRef(IndexSearcher searcher) throws IOException {
      searcher.getIndexReader().decRef();
    }

    @Override
    protected IndexSearcher refreshIfNeeded(IndexSearcher searcher) {
      return null;
    }

    @Override
    protected boolean tryIncRef(IndexSearcher searcher) {
      return searcher.getIndexReader().tryIncRef();
    }

    @Override
    protected int getRefCount(IndexSearcher searcher) {
      return searcher.getIndexReader().getRefCount();
    }
  }
}
