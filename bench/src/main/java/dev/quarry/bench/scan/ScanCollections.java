package dev.quarry.bench.scan;

import dev.quarry.bench.BenchData;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scanned collections: {@code n} seeded Gaussian unit vectors per encoding, one segment, kept
 * in the work folder and reused by later runs with the same parameters. The exact scan never reads
 * the HNSW graph, so it is built with a small M and beam, which makes a 300,000-vector build take a
 * minute instead of ten.
 */
final class ScanCollections {
  static final HnswParams CHEAP_GRAPH = new HnswParams(4, 8);

  private ScanCollections() {}

  /** Vector {@code i}: coordinates N(0, 1) from {@code SplittableRandom(seed + i)}, unit length. */
  static float[] vector(long seed, int i, int dims) {
    SplittableRandom random = new SplittableRandom(seed + i);
    float[] v = new float[dims];
    double norm = 0;
    for (int d = 0; d < dims; d++) {
      v[d] = (float) random.nextGaussian();
      norm += v[d] * v[d];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < dims; d++) {
      v[d] *= scale;
    }
    return v;
  }

  /** The collection of {@code encoding}, opened; built first when the work folder lacks it. */
  static Collection open(Path work, VectorEncoding encoding, int n, int dims, long seed)
      throws IOException {
    Path dir = work.resolve(String.format("scan-%s-%d-%dd-seed%d", encoding.id(), n, dims, seed));
    Path done = dir.resolveSibling(dir.getFileName() + ".done");
    if (!Files.exists(done)) {
      BenchData.deleteTree(dir);
      Files.createDirectories(work);
      long t0 = System.nanoTime();
      try (Collection c =
          Collection.create(
              dir,
              CollectionConfig.forVectors(dims, Similarity.COSINE)
                  .withEncoding(encoding)
                  .withHnsw(CHEAP_GRAPH))) {
        List<Document> batch = new ArrayList<>(1000);
        for (int i = 0; i < n; i++) {
          batch.add(Document.builder(Integer.toString(i)).vector(vector(seed, i, dims)).build());
          if (batch.size() == 1000 || i == n - 1) {
            c.upsert(batch);
            batch.clear();
          }
        }
        c.compact();
      }
      Files.createFile(done);
      System.out.printf(
          "built %s: %,d vectors in %.1f s%n", dir, n, (System.nanoTime() - t0) / 1e9);
    }
    return Collection.open(dir);
  }
}
