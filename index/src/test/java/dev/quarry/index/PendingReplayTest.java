package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.FileTrees;
import dev.quarry.core.QuarryException;
import dev.quarry.index.internal.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader opened while writes wait for replay (a writer stopped, or has not committed yet): an
 * empty index before the first commit, never an exception, and verify counts the waiting writes as
 * pending while it still reports real disagreement between store and index.
 */
class PendingReplayTest {
  private static final int DIMS = 8;
  private static final String WRITE_LOCK = "write.lock";

  @TempDir Path dir;

  private static List<Document> docs(Random r, int from, int count, String text) {
    List<Document> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      float[] v = new float[DIMS];
      for (int d = 0; d < DIMS; d++) {
        v[d] = (float) r.nextGaussian();
      }
      v[0] = Math.abs(v[0]) + 0.1f;
      out.add(Document.builder("doc-" + i).text(text + " " + i).vector(v).build());
    }
    return out;
  }

  private static CollectionConfig config() {
    return CollectionConfig.forVectors(DIMS, Similarity.COSINE);
  }

  @Test
  void readerBeforeTheFirstCommitSeesAnEmptyIndexAndPendingWrites() {
    Random r = new Random(1);
    try (Collection writer = Collection.create(dir, config())) {
      writer.upsert(docs(r, 0, 5, "first"));
      try (Collection reader = Collection.openReadOnly(dir)) {
        assertThat(reader.stats().documents()).isZero();
        assertThat(reader.stats().pendingWrites()).isEqualTo(5);
        VerifyReport report = reader.verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.storeDocuments()).isEqualTo(5);
        assertThat(report.indexDocuments()).isZero();
        assertThat(report.pendingWrites()).isEqualTo(5);
        // get reads the store: a document the index does not show yet is found
        assertThat(reader.get("doc-3")).map(Document::text).contains("first 3");
        assertThat(reader.search(new float[] {1, 0, 0, 0, 0, 0, 0, 0}, 3, KnnOptions.DEFAULTS))
            .isEmpty();
        assertThat(reader.lucene().idsMatching(MatchAllDocsQuery.INSTANCE)).isEmpty();
      }
      writer.commit();
      writer.upsert(docs(r, 3, 4, "second")); // 2 updates, 2 new ids
      writer.delete(List.of("doc-0"));
      try (Collection reader = Collection.openReadOnly(dir)) {
        assertThat(reader.stats().documents()).isEqualTo(5);
        VerifyReport report = reader.verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.storeDocuments()).isEqualTo(6);
        assertThat(report.indexDocuments()).isEqualTo(5);
        assertThat(report.pendingWrites()).isEqualTo(5); // doc-3..doc-6 and doc-0
      }
    }
    try (Collection reader = Collection.openReadOnly(dir)) { // the writer's close committed
      VerifyReport report = reader.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.pendingWrites()).isZero();
      assertThat(report.indexDocuments()).isEqualTo(6);
      assertThat(reader.stats().pendingWrites()).isZero();
    }
  }

  @Test
  void readerWithoutAnIndexFolderBeforeTheFirstCommitIsEmpty() throws IOException {
    Random r = new Random(2);
    Path image = dir.resolve("image");
    Path live = dir.resolve("live");
    try (Collection writer = Collection.create(live, config())) {
      writer.upsert(docs(r, 0, 3, "text"));
      // A crash image taken between the creation of the store and of the index folder: the
      // manifest and the store (its log included) as they are on disk now.
      try (Stream<Path> files = Files.walk(live)) {
        for (Path p : files.toList()) {
          String relative = live.relativize(p).toString();
          if (relative.startsWith("lucene-") || relative.equals(WRITE_LOCK)) {
            continue;
          }
          Files.copy(p, image.resolve(relative));
        }
      }
    }
    try (Collection reader = Collection.openReadOnly(image)) {
      assertThat(reader.stats().documents()).isZero();
      assertThat(reader.verify().problems()).isEmpty();
      assertThat(reader.verify().pendingWrites()).isEqualTo(3);
    }
    assertThat(image.resolve("lucene-1")).doesNotExist(); // a reader writes nothing
    try (Collection writer = Collection.open(image)) { // the next writer replays everything
      assertThat(writer.stats().documents()).isEqualTo(3);
    }
  }

  @Test
  void anIndexWithoutCommitAfterTheStoreWasCommittedIsDamage() {
    Random r = new Random(3);
    try (Collection writer = Collection.create(dir, config())) {
      writer.upsert(docs(r, 0, 3, "text"));
      writer.commit();
      writer.upsert(docs(r, 3, 1, "text"));
    }
    FileTrees.delete(dir.resolve("lucene-1"));
    assertThatThrownBy(() -> Collection.openReadOnly(dir))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("lucene-1 has no commit")
        .hasMessageContaining("quarry reindex")
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.CORRUPT);
  }

  @Test
  void verifyStillReportsIdsThatAreNotPending() {
    Random r = new Random(4);
    List<Document> all = docs(r, 0, 10, "text");
    try (Collection writer = Collection.create(dir, config())) {
      writer.upsert(all);
    }
    // Behind the index's back: a new id and a deleted id, with the log entries dropped as if an
    // index commit had taken them.
    try (Store store = Store.open(dir.resolve("store"), DIMS, false);
        Store.Batch batch = store.batch()) {
      long seq = store.lastSeq();
      batch.upsert(docs(r, 100, 1, "unindexed").get(0), ++seq);
      batch.delete("doc-4", ++seq);
      store.write(batch);
      store.truncateLog(seq);
    }
    try (Collection writer = Collection.open(dir)) { // pending on top of the damage
      writer.upsert(docs(r, 200, 2, "pending"));
      try (Collection reader = Collection.openReadOnly(dir)) {
        VerifyReport report = reader.verify();
        assertThat(report.pendingWrites()).isEqualTo(2);
        assertThat(report.problems())
            .containsExactlyInAnyOrder(
                "1 stored ids missing from the index, e.g. [doc-100]",
                "1 indexed ids missing from the store, e.g. [doc-4]");
      }
    }
  }
}
