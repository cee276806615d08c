package dev.quarry.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.Vectors;
import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnBenchmarkPartsTest {
  private static final long SEED = Long.getLong("quarry.seed", System.nanoTime());
  @TempDir Path dir;

  @BeforeAll
  static void printSeed() {
    System.out.println(
        "AnnBenchmarkPartsTest seed " + SEED + " (re-run with -Dquarry.seed=" + SEED + ")");
  }

  private static List<float[]> random(Random random, int n, int dim, boolean unit) {
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] v = new float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = (float) random.nextGaussian();
      }
      out.add(unit ? Vectors.normalizeInPlace(v) : v);
    }
    return out;
  }

  @Test
  void groundTruthIsTheBestByDistanceInOrder() {
    Random random = new Random(SEED);
    List<float[]> base = random(random, 300, 8, false);
    float[] q = random(random, 1, 8, false).get(0);
    int[] best = GroundTruth.exact(base, q, VectorSimilarityFunction.EUCLIDEAN, 10);
    int[] expected =
        IntStream.range(0, base.size())
            .boxed()
            .sorted(Comparator.comparingDouble(i -> distance(base.get(i), q)))
            .limit(10)
            .mapToInt(Integer::intValue)
            .toArray();
    assertThat(best).containsExactly(expected);
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }

  @Test
  void recallCountsTrueNeighboursAmongTheFirstK() {
    int[] truth = {1, 2, 3, 4};
    assertThat(GroundTruth.recall(truth, new int[] {4, 9, 1, 8}, 4)).isEqualTo(0.5);
    assertThat(GroundTruth.recall(truth, new int[] {9, 8, 7, 6, 1, 2}, 4)).isZero();
  }

  @Test
  void qpsAtARecallTargetInterpolatesOnLogQps() {
    AnnResults.Engine e =
        new AnnResults.Engine(
            "x",
            1,
            1,
            1,
            -1,
            -1,
            1,
            List.of(
                new AnnResults.Point(10, 0.90, new double[] {1000}),
                new AnnResults.Point(20, 0.96, new double[] {100}),
                new AnnResults.Point(40, 0.99, new double[] {50})));
    assertThat(e.qpsAt(0.93, 0)).isCloseTo(Math.sqrt(1000 * 100), within(1e-6));
    assertThat(e.qpsAt(0.80, 0)).isEqualTo(1000); // the lowest effort already reaches it
    assertThat(e.qpsAt(0.995, 0)).isNaN();
  }

  @Test
  void readsIdxImagesAsRawPixelVectors() throws IOException {
    Path file = dir.resolve(FashionMnist.TRAIN);
    Files.createDirectories(file.getParent());
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(2051);
      out.writeInt(3);
      out.writeInt(2);
      out.writeInt(2);
      out.write(new byte[] {0, 1, 2, (byte) 255, 5, 6, 7, 8, 9, 10, 11, 12});
    }
    List<float[]> images = FashionMnist.images(dir, FashionMnist.TRAIN, 2);
    assertThat(images).hasSize(2);
    assertThat(images.get(0)).containsExactly(0f, 1f, 2f, 255f);
    assertThat(images.get(1)).containsExactly(5f, 6f, 7f, 8f);
  }

  /** Every engine answers with base ordinals and finds nearly all true neighbours at a wide ef. */
  @Test
  void everyEngineFindsTheTrueNeighbours() throws Exception {
    Random random = new Random(SEED);
    List<float[]> base = random(random, 600, 16, true);
    List<float[]> queries = random(random, 20, 16, true);
    List<int[]> truth = new ArrayList<>();
    for (float[] q : queries) {
      truth.add(GroundTruth.exact(base, q, VectorSimilarityFunction.DOT_PRODUCT, 10));
    }
    AnnDataset data = new AnnDataset("t", "test", Similarity.COSINE, base, queries, truth);
    HnswParams hnsw = new HnswParams(16, 100);
    List<AnnEngine> engines =
        List.of(
            new LuceneEngine(hnsw),
            new QuarryEngine(VectorEncoding.FLOAT32, hnsw),
            new QuarryEngine(VectorEncoding.INT8, hnsw),
            new JVectorEngine(hnsw));
    try {
      for (int i = 0; i < engines.size(); i++) {
        engines.get(i).build(data, dir.resolve("e" + i));
        List<List<AnnResults.Point>> points =
            new Sweep(data, 10, 0).run(List.of(engines.get(i)), List.of(200), 1);
        assertThat(points.get(0).get(0).recall()).as(engines.get(i).name()).isGreaterThan(0.95);
        assertThat(engines.get(i).indexBytes()).isGreaterThan(600L * 16 * 4);
        assertThat(engines.get(i).segments()).isEqualTo(1);
      }
    } finally {
      for (AnnEngine e : engines) {
        e.close();
      }
    }
  }
}
