package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary collections index rotated vectors (decision 0180): the manifest says so, every search path
 * rotates the query the same way (scores are those of the vectors as given), a collection written
 * before the rotation keeps being read as it was written, and a reindex moves it over. The seed is
 * printed.
 */
class RotatedVectorsTest {
  private static final int DIMS = 40;
  private static final int DOCS = 600;

  @TempDir Path dir;

  @Test
  void binaryManifestNamesTheRotationOthersDoNot() throws IOException {
    for (VectorEncoding encoding : VectorEncoding.values()) {
      Path c = dir.resolve(encoding.id());
      Collection.create(c, config(encoding)).close();
      String manifest = Files.readString(c.resolve("quarry.json"));
      if (encoding == VectorEncoding.BINARY) {
        assertThat(manifest)
            .contains("\"formatVersion\": 2")
            .contains("\"vectorRotation\": \"hadamard-4\"");
      } else {
        assertThat(manifest).contains("\"formatVersion\": 1").doesNotContain("vectorRotation");
      }
    }
  }

  @Test
  void everySearchPathScoresTheVectorsAsGiven() {
    Random random = new Random(TestVectors.seed("RotatedVectorsTest"));
    float[][] vectors = TestVectors.clustered(random, DOCS, DIMS, 8, 0.8);
    try (Collection c = Collection.create(dir.resolve("c"), config(VectorEncoding.BINARY))) {
      add(c, vectors);
      assertScoresOfTheVectorsAsGiven(c, vectors, random);
      assertThat(defaultEfSearch(c)).isEqualTo(100);
    }
  }

  private static int defaultEfSearch(Collection c) {
    return c.lucene().knn(new float[DIMS], 10, null, KnnOptions.DEFAULTS).efSearch();
  }

  @Test
  void aCollectionWrittenBeforeTheRotationIsReadAsWrittenUntilReindexed() throws IOException {
    Random random = new Random(TestVectors.seed("RotatedVectorsTest legacy"));
    float[][] vectors = TestVectors.clustered(random, DOCS, DIMS, 8, 0.8);
    Path c = beforeTheRotation(dir.resolve("legacy"));
    Path manifest = c.resolve("quarry.json");
    try (Collection legacy = Collection.open(c)) {
      add(legacy, vectors);
      assertScoresOfTheVectorsAsGiven(legacy, vectors, random);
      assertThat(defaultEfSearch(legacy)).as("unrotated codes keep the wider beam").isEqualTo(200);
      assertThat(legacy.lucene().knn(new float[DIMS], 10, null, new KnnOptions(60, 0)).efSearch())
          .isEqualTo(60);
    }
    assertThat(Files.readString(manifest)).doesNotContain("vectorRotation");
    try (Collection legacy = Collection.open(c)) {
      assertScoresOfTheVectorsAsGiven(legacy, vectors, random);
      legacy.reindex(VectorEncoding.BINARY, HnswParams.DEFAULTS);
      assertThat(Files.readString(manifest)).contains("\"vectorRotation\": \"hadamard-4\"");
      assertScoresOfTheVectorsAsGiven(legacy, vectors, random);
      assertThat(defaultEfSearch(legacy)).isEqualTo(100);
    }
    try (Collection reopened = Collection.openReadOnly(c)) {
      assertScoresOfTheVectorsAsGiven(reopened, vectors, random);
    }
  }

  @Test
  void refusesAShardWhoseVectorsLieOtherwise() throws IOException {
    Random random = new Random(TestVectors.seed("RotatedVectorsTest shards"));
    float[][] vectors = TestVectors.clustered(random, 20, DIMS, 2, 0.8);
    Path shard = beforeTheRotation(dir.resolve("shard"));
    try (Collection s = Collection.open(shard)) {
      add(s, vectors);
    }
    try (Collection merged = Collection.create(dir.resolve("m"), config(VectorEncoding.BINARY))) {
      assertThatThrownBy(() -> merged.addShards(List.of(shard), 0))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining("holds its vectors in another layout")
          .hasMessageContaining("rebuild it with this one");
    }
  }

  @Test
  void anUnknownRotationFailsNamingTheManifest() throws IOException {
    Path c = dir.resolve("future");
    Collection.create(c, config(VectorEncoding.BINARY)).close();
    Path manifest = c.resolve("quarry.json");
    Files.writeString(manifest, Files.readString(manifest).replace("hadamard-4", "hadamard-9"));
    assertThatThrownBy(() -> Collection.open(c))
        .hasMessageContaining(manifest.toString())
        .hasMessageContaining("'hadamard-9' is not known to this Quarry")
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.INCOMPATIBLE);
  }

  /**
   * An empty binary collection with the manifest a Quarry before decision 0180 wrote: version 1, no
   * rotation.
   */
  private static Path beforeTheRotation(Path c) throws IOException {
    Collection.create(c, config(VectorEncoding.BINARY)).close();
    Path manifest = c.resolve("quarry.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"formatVersion\": 2", "\"formatVersion\": 1")
            .replace("\"vectorRotation\": \"hadamard-4\",", ""));
    return c;
  }

  private static CollectionConfig config(VectorEncoding encoding) {
    return CollectionConfig.forVectors(DIMS, Similarity.COSINE).withEncoding(encoding);
  }

  private static void add(Collection c, float[][] vectors) {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      docs.add(Document.builder("d" + i).vector(vectors[i]).build());
    }
    c.upsert(docs);
    c.commit();
  }

  /** The walk, the filtered walk, the exact scan: each hit's score is the cosine as given. */
  private static void assertScoresOfTheVectorsAsGiven(
      Collection c, float[][] vectors, Random random) {
    for (int q = 0; q < 10; q++) {
      float[] query = vectors[random.nextInt(vectors.length)];
      assertAsGiven(c.search(query, 10, new KnnOptions(40, 3)), vectors, query);
      assertAsGiven(c.exactSearch(query, 10), vectors, query);
      KnnOptions walk = new KnnOptions(40, 3).withPlan(KnnOptions.Plan.GRAPH);
      assertAsGiven(
          c.lucene().knn(query, 10, new MatchAllDocsQuery(), walk).hits(), vectors, query);
      assertThat(c.exactSearch(query, 1).getFirst().score()).isCloseTo(1f, within(1e-5f));
    }
  }

  private static void assertAsGiven(List<Hit> hits, float[][] vectors, float[] query) {
    assertThat(hits).hasSize(10);
    for (Hit h : hits) {
      float[] v = vectors[Integer.parseInt(h.id().substring(1))];
      assertThat((double) h.score()).isCloseTo(cosine(v, query), within(1e-5));
    }
  }

  private static double cosine(float[] a, float[] b) {
    return Vectors.dot(a, b) / (Vectors.norm(a) * Vectors.norm(b));
  }
}
