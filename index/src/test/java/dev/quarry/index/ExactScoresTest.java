package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exact search and the rescoring of quantized walks score with full-precision vectors, never with
 * the codes: their scores equal the cosine computed here from the vectors given, over several
 * segments and with deletions. The seed is printed.
 */
class ExactScoresTest {
  private static final int DIMS = 48;
  private static final int DOCS = 1500;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(VectorEncoding.class)
  void scoresAreFullPrecision(VectorEncoding encoding) {
    Random random = new Random(TestVectors.seed("ExactScoresTest[" + encoding.id() + "]"));
    float[][] vectors = TestVectors.clustered(random, DOCS, DIMS, 12, 0.8);
    CollectionConfig config =
        CollectionConfig.forVectors(DIMS, Similarity.COSINE).withEncoding(encoding);
    try (Collection c = Collection.create(dir.resolve("c"), config)) {
      for (int from = 0; from < DOCS; from += 500) { // a commit each: several segments
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          batch.add(Document.builder("d" + i).vector(vectors[i]).build());
        }
        c.upsert(batch);
        c.commit();
      }
      c.delete(List.of("d0", "d1", "d2"));
      for (int q = 0; q < 20; q++) {
        float[] query = vectors[random.nextInt(DOCS)];
        List<Hit> exact = c.exactSearch(query, 10);
        assertFullPrecision(exact, vectors, query);
        // A true top 10 (ties within float rounding may order either way): none worse than the
        // 10th best, and none deleted.
        double tenth = tenthBest(vectors, query);
        assertThat(exact).hasSize(10).allSatisfy(h -> assertThat(h.id()).isNotIn("d0", "d1", "d2"));
        assertThat(exact)
            .allSatisfy(h -> assertThat((double) h.score()).isGreaterThan(tenth - 1e-5));
        assertFullPrecision(c.search(query, 10, new KnnOptions(50, 5)), vectors, query);
      }
    }
  }

  private static void assertFullPrecision(List<Hit> hits, float[][] vectors, float[] query) {
    for (Hit h : hits) {
      float[] v = vectors[Integer.parseInt(h.id().substring(1))];
      assertThat((double) h.score()).isCloseTo(dot(v, query), within(1e-5));
    }
  }

  private static double tenthBest(float[][] vectors, float[] query) {
    return IntStream.range(3, vectors.length) // d0..d2 were deleted
        .mapToDouble(i -> -dot(vectors[i], query))
        .sorted()
        .skip(9)
        .map(d -> -d)
        .findFirst()
        .orElseThrow();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
