package dev.quarry.engine.ingest;

import dev.quarry.core.ErrorText;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.index.RocksDbLibrary;
import dev.quarry.index.VectorBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Embeddings already computed, shared by every collection in Quarry's home: key = sha256 of the
 * model's identity (weights, pooling, dimensions) and the role, then sha256 of the text; value =
 * the vector as little-endian float32. A hit never runs the model.
 *
 * <p>One process at a time can hold the cache (RocksDB's lock); {@link #open} returns null when
 * another process has it, and ingestion then runs without it. Owns the database; thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {
  static {
    RocksDbLibrary.load();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions writeOptions = new WriteOptions();

  private EmbeddingCache(Options options, RocksDB db) {
    this.options = options;
    this.db = db;
  }

  /** Opens the cache at {@code dir}, or returns null when another process holds it. */
  public static EmbeddingCache open(Path dir) {
    Options options = new Options().setCreateIfMissing(true);
    try {
      Files.createDirectories(dir);
      return new EmbeddingCache(options, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      options.close();
      if (e.getMessage() != null && e.getMessage().contains("lock")) {
        return null;
      }
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot open embedding cache " + dir + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      options.close();
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot create " + dir + ": " + ErrorText.describe(e), e);
    }
  }

  /** The key prefix of one model and role. */
  public static byte[] namespace(ModelIdentity model, Role role) {
    return sha256(
        String.join(
            "\u0000",
            model.name(),
            model.weightsSha256(),
            model.pooling(),
            Integer.toString(model.dimensions()),
            role.id()));
  }

  /** Cached vectors for {@code texts}, null where missing. */
  public List<float[]> get(byte[] namespace, List<String> texts, int dimensions) {
    if (texts.isEmpty()) {
      return new ArrayList<>(); // RocksDB's multiGet rejects an empty key list
    }
    List<byte[]> keys = new ArrayList<>(texts.size());
    texts.forEach(t -> keys.add(key(namespace, t)));
    try {
      List<byte[]> values = db.multiGetAsList(keys);
      List<float[]> out = new ArrayList<>(texts.size());
      for (byte[] v : values) {
        out.add(
            v == null || v.length != 4 * dimensions
                ? null
                : VectorBytes.decode("cache", v, dimensions));
      }
      return out;
    } catch (RocksDBException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "embedding cache read failed: " + e.getMessage(), e);
    }
  }

  public void put(byte[] namespace, List<String> texts, List<float[]> vectors) {
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < texts.size(); i++) {
        batch.put(key(namespace, texts.get(i)), VectorBytes.encode(vectors.get(i)));
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "embedding cache write failed: " + e.getMessage(), e);
    }
  }

  private static byte[] key(byte[] namespace, String text) {
    return ByteBuffer.allocate(64).put(namespace).put(sha256(text)).array();
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    writeOptions.close();
    db.close();
    options.close();
  }
}
