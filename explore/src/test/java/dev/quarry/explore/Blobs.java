package dev.quarry.explore;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A vectors-only collection of labelled clusters around random centres (test data). */
final class Blobs {
  static final int DIMENSIONS = 16;

  private Blobs() {}

  /**
   * {@code perClass} documents around each of {@code classes} centres, labelled "c0".. in field
   * "label"; every {@code unlabelledEvery}-th document has no label (0: all labelled).
   */
  static Collection create(
      Path dir, int classes, int perClass, double noise, int unlabelledEvery, long seed) {
    Random random = new Random(seed);
    List<float[]> centres = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      centres.add(gaussian(random, 1));
    }
    Collection collection =
        Collection.create(dir, CollectionConfig.forVectors(DIMENSIONS, Similarity.COSINE));
    List<Document> docs = new ArrayList<>();
    int n = 0;
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++, n++) {
        float[] v = gaussian(random, noise);
        for (int d = 0; d < DIMENSIONS; d++) {
          v[d] += centres.get(c)[d];
        }
        var b =
            Document.builder(String.format("d%04d", n))
                .title("document " + n)
                .text("x".repeat(1 + n % 7))
                .vector(v);
        if (unlabelledEvery == 0 || n % unlabelledEvery != 0) {
          b.meta("label", "c" + c);
        }
        b.meta("date", String.format("2020-01-%02d", 1 + n % 28));
        docs.add(b.build());
      }
    }
    collection.upsert(docs);
    collection.commit();
    return collection;
  }

  static float[] gaussian(Random random, double scale) {
    float[] v = new float[DIMENSIONS];
    for (int d = 0; d < DIMENSIONS; d++) {
      v[d] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }
}
