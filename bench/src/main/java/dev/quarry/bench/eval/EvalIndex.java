package dev.quarry.bench.eval;

import dev.quarry.bench.BenchData;
import dev.quarry.core.ModelIdentity;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fresh collection of an evaluation corpus. It is rebuilt on every run from cached vectors (a few
 * seconds), so a run never searches a collection left over from other code or settings.
 */
final class EvalIndex {
  private EvalIndex() {}

  static Collection build(Path dir, ModelIdentity model, List<Document> documents)
      throws IOException {
    BenchData.deleteTree(dir);
    Collection c = Collection.create(dir, CollectionConfig.forModel(model));
    for (int from = 0; from < documents.size(); from += 1000) {
      c.upsert(documents.subList(from, Math.min(documents.size(), from + 1000)));
    }
    c.compact(); // one segment, as a finished offline index would be
    return c;
  }
}
