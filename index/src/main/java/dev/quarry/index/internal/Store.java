package dev.quarry.index.internal;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import dev.quarry.index.RocksDbLibrary;
import dev.quarry.index.VectorBytes;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of truth: a RocksDB database with one column family per part (docs/format.md). Every
 * write is one atomic {@link WriteBatch} through the write-ahead log.
 *
 * <p>Owns the database, its column family handles and options; {@link #close()} releases them in
 * reverse order of creation. Thread-safe (RocksDB is); the collection serializes writers.
 */
public final class Store implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  static final String DOCS = "docs";
  static final String VECTORS = "vectors";
  static final String SEQLOG = "seqlog";
  static final String META = "meta";
  private static final byte[] LAST_SEQ =
      "last_seq".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte OP_UPSERT = 'U';
  private static final long MAX_TOTAL_WAL_BYTES = 128L << 20;
  private static final byte OP_DELETE = 'D';

  static {
    RocksDbLibrary.load();
  }

  private final Path path;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final List<ColumnFamilyHandle> handles;
  private final RocksDB db;
  private final WriteOptions writeOptions;
  private final int dimensions;
  private final boolean readOnly;
  private final ColumnFamilyHandle docs;
  private final ColumnFamilyHandle vectors;
  private final ColumnFamilyHandle seqlog;
  private final ColumnFamilyHandle meta;

  private Store(
      Path path,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      List<ColumnFamilyHandle> handles,
      RocksDB db,
      int dimensions,
      boolean readOnly) {
    this.path = path;
    this.readOnly = readOnly;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.handles = handles;
    this.db = db;
    this.dimensions = dimensions;
    this.writeOptions = new WriteOptions(); // WAL on; fsync at commit() (see docs/format.md)
    this.docs = handles.get(1);
    this.vectors = handles.get(2);
    this.seqlog = handles.get(3);
    this.meta = handles.get(4);
  }

  public static Store open(Path path, int dimensions, boolean readOnly) {
    if (readOnly && !Files.isDirectory(path)) {
      throw new QuarryException(QuarryException.Kind.CORRUPT, "store " + path + " is missing");
    }
    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(!readOnly)
            .setCreateMissingColumnFamilies(!readOnly)
            // A log file lives until every column family's share of it is flushed; the small
            // ones (seqlog, meta) seldom fill a memtable, so without a bound an ingest keeps
            // gigabytes of log that every reader replays at open (decision 0159).
            .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (String name : List.of("default", DOCS, VECTORS, SEQLOG, META)) {
      descriptors.add(
          new ColumnFamilyDescriptor(
              name.getBytes(java.nio.charset.StandardCharsets.UTF_8), cfOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db =
          readOnly
              ? RocksDB.openReadOnly(dbOptions, path.toString(), descriptors, handles)
              : RocksDB.open(dbOptions, path.toString(), descriptors, handles);
      return new Store(path, dbOptions, cfOptions, handles, db, dimensions, readOnly);
    } catch (RocksDBException e) {
      handles.forEach(ColumnFamilyHandle::close);
      cfOptions.close();
      dbOptions.close();
      throw new QuarryException(kindOf(e), "cannot open store " + path + ": " + messageOf(e), e);
    }
  }

  /** A set of changes applied atomically by {@link #write}. */
  public final class Batch implements AutoCloseable {
    private final WriteBatch batch = new WriteBatch();
    private long lastSeq = -1;

    public void upsert(Document d, long seq) {
      byte[] key = DocCodec.id(d.id());
      put(docs, key, DocCodec.encodeDoc(d, seq));
      put(vectors, key, VectorBytes.encode(d.vector()));
      log(seq, OP_UPSERT, key);
    }

    public void delete(String id, long seq) {
      byte[] key = DocCodec.id(id);
      try {
        batch.delete(docs, key);
        batch.delete(vectors, key);
      } catch (RocksDBException e) {
        throw failure("delete", e);
      }
      log(seq, OP_DELETE, key);
    }

    private void log(long seq, byte op, byte[] id) {
      byte[] value = ByteBuffer.allocate(1 + id.length).put(op).put(id).array();
      put(seqlog, DocCodec.seqKey(seq), value);
      lastSeq = Math.max(lastSeq, seq);
    }

    private void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
      try {
        batch.put(cf, key, value);
      } catch (RocksDBException e) {
        throw failure("write", e);
      }
    }

    @Override
    public void close() {
      batch.close();
    }
  }

  public Batch batch() {
    return new Batch();
  }

  /** Applies a batch atomically; the last sequence number is recorded with it. */
  public void write(Batch b) {
    try {
      if (b.lastSeq >= 0) {
        b.put(meta, LAST_SEQ, DocCodec.seqKey(b.lastSeq));
      }
      db.write(writeOptions, b.batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  /** Makes every write so far durable against power loss (fsync of the write-ahead log). */
  public void syncWal() {
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw failure("sync", e);
    }
  }

  /** The sequence number of the last write, or 0 for an empty store. */
  public long lastSeq() {
    try {
      byte[] v = db.get(meta, LAST_SEQ);
      return v == null ? 0 : DocCodec.seqOf(v);
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  public DocCodec.Stored get(String id) {
    byte[] key = DocCodec.id(id);
    try {
      byte[] record = db.get(docs, key);
      if (record == null) {
        return null;
      }
      byte[] vector = db.get(vectors, key);
      if (vector == null) {
        throw new QuarryException(
            QuarryException.Kind.CORRUPT,
            "store " + path + ": document '" + id + "' has no vector");
      }
      return DocCodec.decodeDoc(id, record, VectorBytes.decode(id, vector, dimensions));
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  public boolean contains(String id) {
    try {
      return db.get(docs, DocCodec.id(id)) != null;
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  /** Ids written (upserted or deleted) after {@code seq}, in log order, each once. */
  public Set<String> idsWrittenAfter(long seq) {
    Set<String> ids = new LinkedHashSet<>();
    try (RocksIterator it = db.newIterator(seqlog)) {
      for (it.seek(DocCodec.seqKey(seq + 1)); it.isValid(); it.next()) {
        byte[] v = it.value();
        ids.add(new String(v, 1, v.length - 1, java.nio.charset.StandardCharsets.UTF_8));
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
    return ids;
  }

  /**
   * The lowest sequence number still in the log, or 0 when the log is empty. It is 1 (or the log is
   * empty) exactly when no index commit has ever truncated the log.
   */
  public long firstLoggedSeq() {
    try (RocksIterator it = db.newIterator(seqlog)) {
      it.seekToFirst();
      long first = it.isValid() ? DocCodec.seqOf(it.key()) : 0;
      it.status();
      return first;
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  /** Drops log entries up to and including {@code seq}: Lucene has committed them. */
  public void truncateLog(long seq) {
    try {
      db.deleteRange(seqlog, DocCodec.seqKey(0), DocCodec.seqKey(seq + 1));
    } catch (RocksDBException e) {
      throw failure("truncate log", e);
    }
  }

  /** Visits every stored document with its vector, in id byte order. */
  public void forEach(Consumer<DocCodec.Stored> visitor) {
    try (RocksIterator it = db.newIterator(docs)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        String id = DocCodec.id(it.key());
        byte[] vector = db.get(vectors, it.key());
        if (vector == null) {
          throw new QuarryException(
              QuarryException.Kind.CORRUPT,
              "store " + path + ": document '" + id + "' has no vector");
        }
        visitor.accept(
            DocCodec.decodeDoc(id, it.value(), VectorBytes.decode(id, vector, dimensions)));
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  /** Ids present in the vectors part but not the documents part (should be none). */
  public List<String> orphanVectors() {
    List<String> orphans = new ArrayList<>();
    try (RocksIterator it = db.newIterator(vectors)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (db.get(docs, it.key()) == null) {
          orphans.add(DocCodec.id(it.key()));
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
    return orphans;
  }

  /** Bytes on disk. */
  public long sizeOnDisk() {
    return DirSize.of(path);
  }

  private QuarryException failure(String what, RocksDBException e) {
    return new QuarryException(
        kindOf(e), "store " + path + ": " + what + " failed: " + messageOf(e), e);
  }

  /** RocksDB's status code, not its message text, tells damage from an environment failure. */
  static QuarryException.Kind kindOf(RocksDBException e) {
    Status status = e.getStatus();
    return status != null && status.getCode() == Status.Code.Corruption
        ? QuarryException.Kind.CORRUPT
        : QuarryException.Kind.IO;
  }

  private static String messageOf(RocksDBException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * Closes the database. A writable store first flushes its memtables, so that the write-ahead log
   * is empty and a read-only open, which replays it into memory and cannot truncate it, starts at
   * once (a 100,000-document collection's unflushed log took half a second at every search). A
   * failed flush loses nothing: the log still holds every write.
   */
  @Override
  public void close() {
    if (!readOnly) {
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        db.flush(flush, handles);
      } catch (RocksDBException e) {
        LOG.warn(
            "could not flush {} at close; the next open replays its log: {}", path, messageOf(e));
      }
    }
    writeOptions.close();
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    cfOptions.close();
    dbOptions.close();
  }
}
