package dev.quarry.bench.ann;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.HnswParams;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.VectorEncoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Quarry through its public API: a {@link Collection} built with {@link Collection#upsert} and
 * {@link Collection#compact}, searched with {@link Collection#search}, so every engine cost (query
 * checks, searcher refresh, id lookup, rescoring) is in the measurement.
 */
final class QuarryEngine implements AnnEngine {
  private final VectorEncoding encoding;
  private final HnswParams hnsw;
  private Collection collection;

  QuarryEngine(VectorEncoding encoding, HnswParams hnsw) {
    this.encoding = encoding;
    this.hnsw = hnsw;
  }

  VectorEncoding encoding() {
    return encoding;
  }

  @Override
  public String name() {
    return "Quarry " + encoding.id();
  }

  @Override
  public void build(AnnDataset dataset, Path dir) {
    collection =
        Collection.create(
            dir,
            CollectionConfig.forVectors(dataset.dimensions(), dataset.similarity())
                .withEncoding(encoding)
                .withHnsw(hnsw));
    List<Document> batch = new ArrayList<>(1000);
    List<float[]> base = dataset.base();
    for (int i = 0; i < base.size(); i++) {
      batch.add(Document.builder(Integer.toString(i)).vector(base.get(i)).build());
      if (batch.size() == 1000 || i == base.size() - 1) {
        collection.upsert(batch);
        batch.clear();
      }
    }
    collection.compact();
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    List<Hit> hits = collection.search(query, k, new KnnOptions(ef, 0));
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.parseInt(hits.get(i).id());
    }
    return ids;
  }

  /** Exact top-k over every vector: the scan a small filtered set takes (ids, not ordinals). */
  List<Hit> exactSearch(float[] query, int k) {
    return collection.exactSearch(query, k);
  }

  @Override
  public long indexBytes() {
    return collection.stats().indexBytes();
  }

  /** Bytes of the RocksDB store (the source of truth), which the peers do not have. */
  long storeBytes() {
    return collection.stats().storeBytes();
  }

  /** Bytes that search keeps hot: the graph and the vectors the graph walk reads. */
  long searchMemoryBytes() {
    return collection.stats().searchMemoryBytes();
  }

  @Override
  public int segments() {
    return collection.lucene().withSearcher(s -> s.getIndexReader().leaves().size());
  }

  @Override
  public void close() {
    if (collection != null) {
      collection.close();
    }
  }
}
