package dev.quarry.explore;

import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.nio.file.Path;
import java.util.List;

/** {@link Blobs} for the CLI tests in another package. */
public final class BlobsAccess {
  private BlobsAccess() {}

  /** 60 documents in 3 classes; every {@code unlabelledEvery}-th without a label. */
  public static Collection create(Path dir, int unlabelledEvery) {
    return Blobs.create(dir, 3, 20, 0.2, unlabelledEvery, 9);
  }

  /** The 60 documents plus two near-identical copies of one vector with texts of two lengths. */
  public static Collection createWithCopies(Path dir) {
    Collection c = Blobs.create(dir, 3, 20, 1.0, 0, 10);
    float[] v = Blobs.gaussian(new java.util.Random(11), 1);
    float[] w = v.clone();
    w[0] += 0.001f;
    c.upsert(
        List.of(
            Document.builder("a-short").text("short").vector(v).build(),
            Document.builder("a-long").text("a much longer text").vector(w).build()));
    c.commit();
    return c;
  }
}
