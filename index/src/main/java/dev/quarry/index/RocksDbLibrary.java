package dev.quarry.index;

import dev.quarry.core.NativeLibraryCache;
import dev.quarry.core.NativeLibraryCache.Library;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library from Quarry's native cache ({@link NativeLibraryCache}) instead of
 * letting RocksDB copy it into the temp folder at every start. Falls back to RocksDB's own loading
 * (including its musl variant) when the cache cannot be used. Idempotent and thread-safe.
 */
public final class RocksDbLibrary {
  private static volatile boolean loaded;

  private RocksDbLibrary() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    // The file name RocksDB.loadLibrary(paths) looks for in each folder, computed as it does.
    Library jni =
        new Library(
            Environment.getJniLibraryFileName("rocksdb"),
            Environment.getJniLibraryFileName("rocksdbjni"));
    Optional<Path> folder =
        NativeLibraryCache.folder(RocksDB.class.getClassLoader(), "rocksdbjni", List.of(jni));
    try {
      if (folder.isPresent()) {
        RocksDB.loadLibrary(List.of(folder.get().toString()));
      } else {
        RocksDB.loadLibrary();
      }
    } catch (UnsatisfiedLinkError e) {
      RocksDB.loadLibrary();
    }
    loaded = true;
  }
}
