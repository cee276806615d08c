package dev.quarry.index.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Similarity;
import dev.quarry.index.spi.FloatVectorDots;
import dev.quarry.index.spi.IndexFields;
import dev.quarry.testing.RandomCases;
import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarry's in-place float32 scorer gives Lucene's scores (the same formula, sums in another order:
 * equal to a few units in the last place) for every vector of random segments at dimensions that
 * are and are not whole numbers of vector steps, one at a time and in bulk batches of every size
 * from 1 to 13 (whole and partial four-vector passes). The seed is printed (re-run with
 * -Dquarry.seed=N).
 */
class InPlaceFloatScorerTest {
  /** Relative to the raw dot product or distance's scale: a float sum's rounding, no more. */
  private static final float TOLERANCE = 2e-6f;

  @TempDir Path dir;

  @Test
  void inPlaceUnderTheTestFlags() {
    // The build runs tests with --add-modules jdk.incubator.vector and, on JDK 22+, compiles the
    // kernel (index/pom.xml): it must then be the one under test below, or the test would compare
    // Lucene's scorer with itself. A JDK 21 build has no such kernel.
    assumeTrue(Runtime.version().feature() >= 22, "JDK 21 builds leave the kernel out");
    assertThat(FloatVectorDots.vectorized()).isTrue();
  }

  @Test
  void scoresAreLucenes() throws Exception {
    assumeTrue(FloatVectorDots.vectorized(), "no in-place kernel in this JVM");
    long seed = RandomCases.seed();
    System.out.println(
        "InPlaceFloatScorerTest: seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    int[] dimensions = {1, 7, 16, 24, 384, 784, 1 + random.nextInt(1100)};
    for (int dims : dimensions) {
      for (Similarity similarity : new Similarity[] {Similarity.COSINE, Similarity.EUCLIDEAN}) {
        checkSegment(random, dims, similarity, 50 + random.nextInt(100));
      }
    }
  }

  private void checkSegment(Random random, int dims, Similarity similarity, int size)
      throws Exception {
    Path folder = dir.resolve(similarity + "-" + dims);
    try (Directory directory = new MMapDirectory(folder)) {
      write(directory, random, dims, similarity, size);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        KnnVectorsReader vectors = VectorFormats.vectorReader(leaf);
        float[] query = vector(random, dims, similarity);
        RandomVectorScorer lucene = VectorFormats.floatScorer(vectors, IndexFields.VECTOR, query);
        InPlaceFloatScorer ours =
            InPlaceFloatScorer.of(
                vectors.getFloatVectorValues(IndexFields.VECTOR),
                VectorFormats.similarity(similarity),
                query);
        assertThat(ours).isNotNull();
        String what = similarity + " " + dims + "-d";
        for (int node = 0; node < size; node++) {
          assertClose(ours.score(node), lucene.score(node), what + " node " + node);
        }
        for (int count = 1; count <= 13; count++) {
          int[] nodes = new int[count];
          for (int i = 0; i < count; i++) {
            nodes[i] = random.nextInt(size);
          }
          float[] expected = new float[count];
          float[] actual = new float[count];
          float expectedMax = lucene.bulkScore(nodes, expected, count);
          float actualMax = ours.bulkScore(nodes, actual, count);
          for (int i = 0; i < count; i++) {
            assertClose(actual[i], expected[i], what + " batch of " + count + " at " + i);
            assertClose(actual[i], lucene.score(nodes[i]), what + " batch vs single");
          }
          assertClose(actualMax, expectedMax, what + " batch max");
        }
      }
    }
  }

  /**
   * Scores are (1 + dot) / 2 and 1 / (1 + distance): their rounding error scales with the score (a
   * distance's relative error carries over to 1 / (1 + distance)).
   */
  private static void assertClose(float actual, float expected, String what) {
    assertThat(Math.abs(actual - expected))
        .as("%s: %s against Lucene's %s", what, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE * Math.max(1f, Math.abs(expected)));
  }

  private static void write(
      Directory directory, Random random, int dims, Similarity similarity, int size)
      throws Exception {
    CollectionConfig config = CollectionConfig.forVectors(dims, similarity);
    try (IndexWriter writer =
        new IndexWriter(directory, new IndexWriterConfig().setCodec(VectorFormats.codec(config)))) {
      for (int i = 0; i < size; i++) {
        Document doc = new Document();
        doc.add(
            new KnnFloatVectorField(
                IndexFields.VECTOR,
                vector(random, dims, similarity),
                VectorFormats.similarity(similarity)));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
  }

  /** Cosine: unit vectors (Quarry normalizes them on write); Euclidean: raw, scale 1 to 100. */
  private static float[] vector(Random random, int dims, Similarity similarity) {
    float[] v = new float[dims];
    double norm = 0;
    double scale = similarity == Similarity.COSINE ? 1 : 1 + random.nextInt(100);
    for (int i = 0; i < dims; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
      norm += v[i] * v[i];
    }
    if (similarity == Similarity.COSINE) {
      for (int i = 0; i < dims; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }
}
