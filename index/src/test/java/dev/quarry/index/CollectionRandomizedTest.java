package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded randomized suite over every encoding: recall against exact search on clustered vectors,
 * upsert/delete/reopen round trips, and store ↔ index agreement. The seed is printed.
 */
class CollectionRandomizedTest {
  private static final int DIMS = 128;
  private static final int DOCS = 4000;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(VectorEncoding.class)
  void recallRoundTripsAndAgreement(VectorEncoding encoding) {
    long seed = TestVectors.seed("CollectionRandomizedTest[" + encoding.id() + "]");
    Random random = new Random(seed);
    float[][] vectors = TestVectors.clustered(random, DOCS + 50, DIMS, 40, 0.6);
    CollectionConfig config =
        CollectionConfig.forVectors(DIMS, Similarity.COSINE).withEncoding(encoding);
    Path path = dir.resolve("c");
    Map<String, float[]> expected = new HashMap<>();
    try (Collection c = Collection.create(path, config)) {
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < DOCS; i++) {
        batch.add(doc("d" + i, vectors[i], i));
        expected.put("d" + i, vectors[i]);
        if (batch.size() == 500) {
          c.upsert(batch);
          batch.clear();
        }
      }
      c.upsert(batch);
      c.commit();

      // Replace some, delete some: the index must follow the store exactly.
      List<Document> replaced = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = random.nextInt(DOCS);
        float[] v = vectors[DOCS + random.nextInt(50)];
        replaced.add(doc("d" + n, v, n));
        expected.put("d" + n, v);
      }
      c.upsert(replaced);
      Set<String> deleted = new HashSet<>();
      for (int i = 0; i < 150; i++) {
        deleted.add("d" + random.nextInt(DOCS));
      }
      c.delete(deleted);
      deleted.forEach(expected::remove);
      // Not committed: reopening must replay these from the store.
    }

    try (Collection c = Collection.open(path)) {
      assertThat(c.stats().documents()).isEqualTo(expected.size());
      for (var e : expected.entrySet()) {
        Document d = c.get(e.getKey()).orElseThrow();
        assertThat(Vectors.dot(d.vector(), e.getValue())).isCloseTo(1f, within(1e-5f));
      }
      VerifyReport report = c.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.storeDocuments()).isEqualTo(expected.size());

      double recall = recallAt10(c, vectors, random, null);
      System.out.printf("%s: recall@10 %.3f%n", encoding.id(), recall);
      assertThat(recall).as("recall@10 for %s", encoding.id()).isGreaterThanOrEqualTo(0.95);

      // Filtered search stays exact enough on a 10% filter.
      var filter = LongPoint.newRangeQuery("bucket", 0, 9);
      double filtered = recallAt10(c, vectors, random, filter);
      System.out.printf("%s: filtered recall@10 %.3f%n", encoding.id(), filtered);
      assertThat(filtered).isGreaterThanOrEqualTo(0.95);
    }
  }

  private static Document doc(String id, float[] v, int n) {
    return Document.builder(id)
        .text("document " + n)
        .meta("bucket", (long) (n % 100))
        .vector(v)
        .build();
  }

  private static double recallAt10(
      Collection c, float[][] vectors, Random random, org.apache.lucene.search.Query filter) {
    int queries = 50;
    int found = 0;
    int wanted = 0;
    for (int q = 0; q < queries; q++) {
      float[] query = vectors[random.nextInt(vectors.length)].clone();
      for (int i = 0; i < query.length; i++) {
        query[i] += (float) (0.05 * random.nextGaussian());
      }
      Set<String> truth = new HashSet<>();
      c.lucene().exactSearch(query, 10, filter).forEach(h -> truth.add(h.id()));
      List<Hit> approx = c.lucene().search(query, 10, filter, KnnOptions.DEFAULTS);
      wanted += truth.size();
      found += (int) approx.stream().filter(h -> truth.contains(h.id())).count();
    }
    return (double) found / wanted;
  }
}
