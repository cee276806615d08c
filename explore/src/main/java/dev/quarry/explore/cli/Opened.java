package dev.quarry.explore.cli;

import dev.quarry.core.Embedder;
import dev.quarry.engine.Quarry;
import dev.quarry.index.Collection;
import java.nio.file.Path;

/**
 * A collection opened for an explore command: with its model when texts must be embedded, else the
 * bare collection (which also serves collections of vectors without a model).
 */
record Opened(Collection collection, Quarry quarry) implements AutoCloseable {
  static Opened of(Path dir, boolean withModel) {
    if (withModel) {
      Quarry q = Quarry.openReadOnly(dir);
      return new Opened(q.collection(), q);
    }
    return new Opened(Collection.openReadOnly(dir), null);
  }

  /** The collection's embedding model; only when opened with it. */
  Embedder embedder() {
    return quarry == null ? null : quarry.embedder();
  }

  @Override
  public void close() {
    if (quarry != null) {
      quarry.close();
    } else {
      collection.close();
    }
  }
}
