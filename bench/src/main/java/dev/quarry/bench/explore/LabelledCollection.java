package dev.quarry.bench.explore;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The training part of a split as a vectors-only collection with a label field, built once. */
final class LabelledCollection {
  static final String FIELD = "label";

  private LabelledCollection() {}

  /** Opens the collection in {@code dir} when it holds the training part, else builds it. */
  static Collection build(Path dir, LabelledSplit split, Similarity similarity)
      throws java.io.IOException {
    int n = split.trainVectors().size();
    if (Collection.exists(dir)) {
      Collection c = Collection.open(dir);
      if (c.stats().documents() == n) {
        System.err.println("using collection " + dir);
        return c;
      }
      c.close();
      dev.quarry.bench.BenchData.deleteTree(dir);
    }
    long start = System.nanoTime();
    Collection c =
        Collection.create(
            dir, CollectionConfig.forVectors(split.trainVectors().get(0).length, similarity));
    for (int from = 0; from < n; from += 4096) {
      List<Document> batch = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 4096); i++) {
        batch.add(
            Document.builder(String.format("t%06d", i))
                .meta(FIELD, split.trainLabels().get(i))
                .vector(split.trainVectors().get(i))
                .build());
      }
      c.upsert(batch);
    }
    c.commit();
    System.err.printf(
        "built %s: %d documents in %.0f s%n", dir, n, (System.nanoTime() - start) / 1e9);
    return c;
  }
}
