package dev.quarry.bench.ann;

import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A collection built by an earlier process, opened read-only and searched through the public API,
 * so that a search-only run (for example under a memory limit) never holds the base vectors.
 */
final class OpenedCollection implements AnnEngine {
  private final String name;
  private final Collection collection;

  OpenedCollection(String name, Path dir) {
    this.name = name;
    this.collection = Collection.openReadOnly(dir);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void build(AnnDataset dataset, Path dir) {
    throw new UnsupportedOperationException("an opened collection is already built");
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    List<Hit> hits = collection.search(query, k, new KnnOptions(ef, 0));
    return hits.stream().mapToInt(h -> Integer.parseInt(h.id())).toArray();
  }

  @Override
  public long indexBytes() {
    return collection.stats().indexBytes();
  }

  @Override
  public int segments() {
    return collection.stats().segments();
  }

  @Override
  public void close() {
    collection.close();
  }
}
