package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionBehaviourTest {
  private static final int DIMS = 16;
  private static final ModelIdentity MODEL = new ModelIdentity("m", "abc123", "mean", DIMS);

  @TempDir Path dir;

  private static float[] vec(Random r) {
    float[] v = new float[DIMS];
    for (int i = 0; i < DIMS; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static List<Document> docs(Random r, int from, int count) {
    List<Document> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(
          Document.builder("doc-" + i)
              .title("title " + i)
              .text("text of document " + i)
              .meta("category", i % 2 == 0 ? "even" : "odd")
              .meta("rank", i)
              .meta("score", i / 10.0)
              .meta("published", LocalDate.of(2020, 1, 1).plusDays(i))
              .meta("tags", List.of("a", "b"))
              .meta("flag", i % 3 == 0)
              .vector(vec(r))
              .build());
    }
    return out;
  }

  @Test
  void secondWriterGetsALockErrorNamingTheHolder() {
    try (Collection writer = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      assertThatThrownBy(() -> Collection.open(dir))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining("open for writing by another writer")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .extracting(e -> ((QuarryException) e).kind())
          .isEqualTo(QuarryException.Kind.LOCKED);
    }
    Collection.open(dir).close(); // released on close
  }

  @Test
  void searchesSeeWritesNearRealTimeAndReadersSeeCommits() throws Exception {
    Random r = new Random(1);
    try (Collection writer = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      writer.upsert(docs(r, 0, 100));
      assertThat(writer.search(vec(r), 5, KnnOptions.DEFAULTS)).hasSize(5); // not committed
      writer.commit();
      try (Collection reader = Collection.openReadOnly(dir)) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread searching =
            new Thread(
                () -> {
                  Random qr = new Random(2);
                  while (!stop.get()) {
                    try {
                      assertThat(reader.search(vec(qr), 10, KnnOptions.DEFAULTS)).hasSize(10);
                      assertThat(writer.search(vec(qr), 10, KnnOptions.DEFAULTS)).hasSize(10);
                    } catch (Throwable t) {
                      failure.set(t);
                      return;
                    }
                  }
                });
        searching.start();
        for (int round = 0; round < 10; round++) {
          writer.upsert(docs(r, 100 + round * 50, 50));
        }
        stop.set(true);
        searching.join();
        assertThat(failure.get()).isNull();
        assertThat(writer.stats().documents()).isEqualTo(600);
        assertThat(reader.stats().documents()).isEqualTo(100); // the commit it opened
        assertThatThrownBy(() -> reader.upsert(docs(r, 0, 1))).hasMessageContaining("read-only");
      }
    }
  }

  @Test
  void reindexThroughEveryEncodingKeepsEveryId() throws IOException {
    Random r = new Random(3);
    List<Document> all = docs(r, 0, 300);
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(all);
      for (VectorEncoding e :
          List.of(
              VectorEncoding.INT8,
              VectorEncoding.BINARY,
              VectorEncoding.INT4,
              VectorEncoding.FLOAT32)) {
        assertThat(c.reindex(e, new HnswParams(8, 50))).isEqualTo(300);
        assertThat(c.config().encoding()).isEqualTo(e);
        assertThat(c.verify().problems()).isEmpty();
        assertThat(c.stats().documents()).isEqualTo(300);
        Hit top = c.search(all.get(7).vector(), 1, KnnOptions.DEFAULTS).get(0);
        assertThat(top.id()).isEqualTo("doc-7");
      }
    }
    try (Collection c = Collection.open(dir)) {
      assertThat(c.config().hnsw()).isEqualTo(new HnswParams(8, 50));
      assertThat(c.stats().documents()).isEqualTo(300);
      try (Stream<Path> children = Files.list(dir)) {
        assertThat(
                children.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lucene-")))
            .containsExactly("lucene-5");
      }
    }
  }

  @Test
  void unitVectorsComeBackBitForBitOthersNormalized() {
    Random r = new Random(7);
    float[] unit = dev.quarry.core.Vectors.normalizeInPlace(vec(r));
    float[] nudged = unit.clone();
    nudged[0] = Math.nextUp(nudged[0]); // still unit length up to rounding
    float[] longer = vec(r);
    for (int i = 0; i < DIMS; i++) {
      longer[i] *= 3;
    }
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(
          List.of(
              Document.builder("unit").vector(unit).build(),
              Document.builder("nudged").vector(nudged).build(),
              Document.builder("longer").vector(longer).build()));
      assertThat(c.get("unit").orElseThrow().vector()).isEqualTo(unit);
      assertThat(c.get("nudged").orElseThrow().vector()).isEqualTo(nudged);
      float[] stored = c.get("longer").orElseThrow().vector();
      assertThat(dev.quarry.core.Vectors.norm(stored)).isCloseTo(1.0, within(1e-6));
      assertThat(c.search(unit, 1, KnnOptions.DEFAULTS).get(0).score())
          .isCloseTo(1f, within(1e-6f));
    }
  }

  @Test
  void metadataRoundTripsWithTypesAndFiltersDelete() {
    Random r = new Random(4);
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(docs(r, 0, 10));
      Document d = c.get("doc-3").orElseThrow();
      assertThat(d.first("rank")).isEqualTo(3L);
      assertThat(d.first("score")).isEqualTo(0.3);
      assertThat(d.first("flag")).isEqualTo(true);
      assertThat(d.first("published")).isEqualTo(Instant.parse("2020-01-04T00:00:00Z"));
      assertThat(d.metadata().get("tags")).containsExactly("a", "b");
      assertThat(c.fields())
          .containsEntry("category", FieldType.KEYWORD)
          .containsEntry("rank", FieldType.LONG)
          .containsEntry("published", FieldType.DATE);
      assertThat(c.lucene().deleteWhere(new TermQuery(new Term("category", "odd")))).isEqualTo(5);
      assertThat(c.stats().documents()).isEqualTo(5);
      assertThat(c.get("doc-3")).isEmpty();
    }
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsWritten() {
    Random r = new Random(5);
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(docs(r, 0, 3));
      List<Document> good = docs(r, 10, 2);
      Document wrongDims = Document.builder("x").vector(new float[DIMS + 1]).build();
      assertThatThrownBy(() -> c.upsert(List.of(good.get(0), wrongDims, good.get(1))))
          .hasMessageContaining("17-d vector; this collection holds 16-d vectors (model m)");
      Document zero = Document.builder("z").vector(new float[DIMS]).build();
      assertThatThrownBy(() -> c.upsert(List.of(good.get(0), zero)))
          .hasMessageContaining("all-zero");
      Document wrongType = Document.builder("t").meta("rank", "high").vector(vec(r)).build();
      assertThatThrownBy(() -> c.upsert(List.of(good.get(0), wrongType)))
          .hasMessageContaining("field 'rank' is long in this collection, got a keyword value");
      assertThat(c.stats().documents()).isEqualTo(3); // all-or-nothing
      assertThat(c.get("doc-10")).isEmpty();
    }
    float[] nan = new float[DIMS];
    nan[3] = Float.NaN;
    assertThatThrownBy(() -> Document.builder("n").vector(nan).build())
        .hasMessageContaining("vector component 3 is NaN");
    assertThatThrownBy(() -> Document.builder("").vector(new float[DIMS]).build())
        .hasMessageContaining("id must not be empty");
    assertThatThrownBy(
            () -> Document.builder("m").meta("nested", Map.of("a", 1)).vector(nan).build())
        .hasMessageContaining("unsupported value");
    assertThatThrownBy(() -> Document.builder("m").meta("_id", "x").vector(new float[1]).build())
        .hasMessageContaining("field name '_id' is not allowed");
    assertThatThrownBy(
            () -> Document.builder("m").meta("mix", List.of("a", 1)).vector(new float[1]).build())
        .hasMessageContaining("mixes keyword and long");
  }

  @Test
  void corruptSegmentFileIsNamedByVerify() throws IOException {
    Random r = new Random(6);
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(docs(r, 0, 200));
    }
    Path vec;
    try (Stream<Path> files = Files.list(dir.resolve("lucene-1"))) {
      vec = files.filter(p -> p.toString().endsWith(".vec")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(vec);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(vec, bytes);
    try (Collection c = Collection.openReadOnly(dir)) {
      VerifyReport report = c.verify();
      assertThat(report.ok()).isFalse();
      assertThat(String.join("\n", report.problems())).contains(vec.getFileName().toString());
    }
  }

  @Test
  void damagedOrMismatchedManifestFailsFastNamingTheFile() throws IOException {
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(docs(new Random(7), 0, 5));
    }
    Path manifest = dir.resolve("quarry.json");
    String original = Files.readString(manifest);

    ModelIdentity other = new ModelIdentity("other", "fff", "cls", DIMS);
    assertThatThrownBy(() -> Collection.openOrCreate(dir, CollectionConfig.forModel(other)))
        .hasMessageContaining(manifest.toString())
        .hasMessageContaining("built with m (16-d, mean")
        .hasMessageContaining("not other");

    Files.writeString(
        manifest, original.substring(0, original.length() / 2), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Collection.open(dir))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining(manifest.toString())
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.CORRUPT);

    Files.writeString(manifest, original.replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
    assertThatThrownBy(() -> Collection.open(dir))
        .hasMessageContaining("format version 99 is not supported")
        .hasMessageContaining(manifest.toString());
  }

  @Test
  void compactReclaimsDeletedDocuments() {
    Random r = new Random(8);
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      c.upsert(docs(r, 0, 400));
      c.commit();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        ids.add("doc-" + i);
      }
      c.delete(ids);
      c.commit();
      assertThat(c.stats().deletedRatio()).isGreaterThan(0.05);
      c.compact();
      CollectionStats s = c.stats();
      assertThat(s.deletedRatio()).isZero();
      assertThat(s.documents()).isEqualTo(370);
      assertThat(s.rawVectorBytes()).isGreaterThan(370L * DIMS * 4 - 1);
      assertThat(s.graphBytes()).isPositive();
      assertThat(s.storeBytes()).isPositive();
    }
  }

  @Test
  void compactToOneSegmentKeepsEveryDocumentFindable() {
    Random r = new Random(9);
    try (Collection c = Collection.create(dir, CollectionConfig.forModel(MODEL))) {
      List<Document> all = new ArrayList<>();
      for (int batch = 0; batch < 4; batch++) {
        List<Document> docs = docs(r, batch * 100, 100);
        all.addAll(docs);
        c.upsert(docs);
        c.commit(); // one segment per commit
      }
      c.delete(List.of("doc-0"));
      c.commit();
      assertThat(c.stats().segments()).isGreaterThan(1);
      assertThatThrownBy(() -> c.compact(-1)).hasMessageContaining("segments must be 1 or more");
      c.compact(1);
      assertThat(c.stats().segments()).isEqualTo(1);
      assertThat(c.stats().documents()).isEqualTo(399);
      assertThat(c.stats().deletedRatio()).isZero();
      for (Document d : all.subList(1, all.size())) {
        assertThat(c.search(d.vector(), 1, KnnOptions.DEFAULTS).get(0).id()).isEqualTo(d.id());
      }
    }
  }
}
