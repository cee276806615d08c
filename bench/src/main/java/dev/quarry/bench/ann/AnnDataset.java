package dev.quarry.bench.ann;

import dev.quarry.index.Similarity;
import java.util.List;

/**
 * Base vectors, held-out queries and their exact top-k neighbours (ordinals into {@code base}).
 *
 * @param name short name used in file names and tables
 * @param description one line for the report (source, model, metric)
 */
record AnnDataset(
    String name,
    String description,
    Similarity similarity,
    List<float[]> base,
    List<float[]> queries,
    List<int[]> truth) {

  int dimensions() {
    return base.get(0).length;
  }
}
