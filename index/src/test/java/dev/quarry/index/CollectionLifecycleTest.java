package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.index.spi.LuceneAccess;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating in a folder, closing, and searches that overlap a reindex. */
class CollectionLifecycleTest {
  private static final int DIMS = 8;
  private static final int DOCS = 300;

  @TempDir Path dir;

  private static CollectionConfig config() {
    return CollectionConfig.forVectors(DIMS, Similarity.COSINE);
  }

  private static List<Document> docs(Random r) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      float[] v = new float[DIMS];
      for (int d = 0; d < DIMS; d++) {
        v[d] = (float) r.nextGaussian();
      }
      v[0] = Math.abs(v[0]) + 0.1f;
      out.add(Document.builder("doc-" + i).text("text " + i).vector(v).build());
    }
    return out;
  }

  @Test
  void createRefusesAFolderWithOtherFiles() throws Exception {
    Path notes = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(notes.resolve("todo.md"), "buy milk");
    assertThatThrownBy(() -> Collection.create(notes, config()))
        .isInstanceOf(QuarryException.class)
        .hasMessage(
            notes + " is not a Quarry collection and not empty; choose a new or empty folder")
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.INVALID_ARGUMENT);
    try (Stream<Path> children = Files.list(notes)) {
      assertThat(children.map(p -> p.getFileName().toString())).containsExactly("todo.md");
    }
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    assertThatThrownBy(() -> Collection.openOrCreate(file, config()))
        .hasMessageContaining("is a file, not a Quarry collection");
  }

  @Test
  void createAcceptsAnEmptyFolderOrWhatAnInterruptedCreateLeftOnly() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Collection.create(empty, config()).close();
    Path interrupted = Files.createDirectories(dir.resolve("interrupted"));
    Files.writeString(interrupted.resolve("write.lock"), "");
    Files.writeString(interrupted.resolve("quarry.json.tmp"), "{");
    Files.createDirectories(interrupted.resolve("store"));
    Files.writeString(interrupted.resolve("store/LOCK"), "");
    Files.createDirectories(interrupted.resolve("lucene-1"));
    Files.writeString(interrupted.resolve("lucene-1/write.lock"), "");
    try (Collection c = Collection.create(interrupted, config())) {
      assertThat(c.stats().documents()).isZero();
    }
    Path photos = Files.createDirectories(dir.resolve("photos/store"));
    Files.writeString(photos.resolve("cat.jpg"), "meow");
    assertThatThrownBy(() -> Collection.create(photos.getParent(), config()))
        .hasMessageContaining("is not a Quarry collection and not empty");
    assertThat(photos.getParent().resolve("quarry.json")).doesNotExist();
  }

  @Test
  void closeTwiceIsHarmless() {
    Collection c = Collection.create(dir.resolve("c"), config());
    c.upsert(docs(new Random(1)).subList(0, 5));
    c.close();
    c.close();
    assertThatThrownBy(() -> c.stats()).hasMessageContaining("is closed");
    try (Collection reopened = Collection.openReadOnly(dir.resolve("c"))) {
      assertThat(reopened.stats().documents()).isEqualTo(5);
    }
  }

  /**
   * A search that holds the index while a reindex replaces it reads the old index to the end; the
   * old folder goes when that search lets go.
   */
  @Test
  void aSearchHoldingTheOldIndexFinishesAfterReindex() throws Exception {
    Path path = dir.resolve("c");
    try (Collection c = Collection.create(path, config())) {
      c.upsert(docs(new Random(2)));
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch reindexed = new CountDownLatch(1);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> search =
            pool.submit(
                () ->
                    c.lucene()
                        .withSearcher(
                            searcher -> {
                              holding.countDown();
                              await(reindexed);
                              return storedIds(searcher); // every stored id of the retired index
                            }));
        assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
        c.reindex(VectorEncoding.INT8, new HnswParams(8, 50));
        assertThat(path.resolve("lucene-1")).as("held by the running search").exists();
        reindexed.countDown();
        assertThat(search.get(60, TimeUnit.SECONDS)).isEqualTo(DOCS);
        assertThat(path.resolve("lucene-1")).as("released by the search").doesNotExist();
        assertThat(c.verify().problems()).isEmpty();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static int storedIds(IndexSearcher searcher) throws IOException {
    int n = 0;
    for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
      n += LuceneAccess.idOf(searcher, doc).startsWith("doc-") ? 1 : 0;
    }
    return n;
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IOException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }

  /** Searches in several threads while the index is rebuilt again and again: none fails. */
  @Test
  void searchesRunThroughRepeatedReindexes() throws Exception {
    long seed = TestVectors.seed("searchesRunThroughRepeatedReindexes");
    Random random = new Random(seed);
    List<Document> all = docs(random);
    try (Collection c = Collection.create(dir.resolve("c"), config())) {
      c.upsert(all);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<Integer>> searchers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        long threadSeed = random.nextLong();
        searchers.add(
            pool.submit(
                () -> {
                  Random r = new Random(threadSeed);
                  int searches = 0;
                  while (!stop.get()) {
                    Document d = all.get(r.nextInt(DOCS));
                    assertThat(c.search(d.vector(), 10, KnnOptions.DEFAULTS)).hasSize(10);
                    assertThat(c.exactSearch(d.vector(), 1).get(0).id()).isEqualTo(d.id());
                    assertThat(c.stats().documents()).isEqualTo(DOCS);
                    searches++;
                  }
                  return searches;
                }));
      }
      try {
        List<VectorEncoding> encodings =
            List.of(VectorEncoding.INT8, VectorEncoding.FLOAT32, VectorEncoding.INT4);
        for (int round = 0; round < 6; round++) {
          c.reindex(encodings.get(round % encodings.size()), new HnswParams(8, 40));
        }
      } finally {
        stop.set(true);
        pool.shutdown();
      }
      int total = 0;
      for (Future<Integer> f : searchers) {
        total += f.get(60, TimeUnit.SECONDS); // rethrows any search failure
      }
      assertThat(total).isPositive();
      assertThat(c.verify().problems()).isEmpty();
    }
    try (Stream<Path> children = Files.list(dir.resolve("c"))) {
      assertThat(children.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lucene")))
          .containsExactly("lucene-7");
    }
  }
}
