package dev.quarry.bench.jmh;

import dev.quarry.index.spi.FloatVectorDots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.lucene95.OffHeapFloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A float32 walk's scoring step (decision 0167): the unvisited neighbours of an expanded node, a
 * batch of {@value #BATCH} random vectors of a memory-mapped file, scored against one query by
 * Lucene 10.6's memory-segment scorer ({@code bulkScore}, four vectors per pass) beside Quarry's
 * in-place kernel ({@link FloatVectorDots}, the raw dot products or squared distances; the score's
 * normalization is one multiply-add more). Times are per vector. {@code vectors}: 2,000 fit in the
 * caches; 100,000 (150 MB at 384-d) do not, as full-size WordNet (117k) and Fashion-MNIST (60k).
 * Each invocation takes the next of {@value #BATCHES} pre-drawn batches.
 *
 * <p>Run: {@code bin/bench jmh FloatBulkScoring} (seed: {@code -p seed=N}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FloatBulkScoring {
  static final int BATCH = 10;
  static final int BATCHES = 4096;

  @Param({"384", "784"})
  int dims;

  @Param({"2000", "100000"})
  int vectors;

  @Param({"DOT_PRODUCT", "EUCLIDEAN"})
  VectorSimilarityFunction similarity;

  @Param("42")
  long seed;

  Path folder;
  Directory directory;
  IndexInput file;
  RandomVectorScorer lucene;
  FloatVectorDots ours;
  int[][] batches;
  long[] offsets = new long[BATCH];
  float[] scores = new float[BATCH];
  int next;

  @Setup
  public void setUp() throws IOException {
    System.out.println("FloatBulkScoring seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    folder = Files.createTempDirectory("float-bulk-scoring");
    directory = new MMapDirectory(folder);
    try (IndexOutput out = directory.createOutput("vectors", IOContext.DEFAULT)) {
      for (int v = 0; v < vectors; v++) {
        for (int d = 0; d < dims; d++) {
          out.writeInt(Float.floatToIntBits((float) random.nextDouble(-1, 1)));
        }
      }
    }
    file = directory.openInput("vectors", IOContext.DEFAULT);
    float[] query = new float[dims];
    for (int d = 0; d < dims; d++) {
      query[d] = (float) random.nextDouble(-1, 1);
    }
    FlatVectorsScorer flat = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
    OffHeapFloatVectorValues values =
        new OffHeapFloatVectorValues.DenseOffHeapVectorValues(
            dims, vectors, file, dims * Float.BYTES, flat, similarity);
    lucene = flat.getRandomVectorScorer(similarity, values, query);
    ours = FloatVectorDots.of((RandomAccessInput) file, query);
    System.out.println(
        "FloatBulkScoring Lucene: "
            + lucene.getClass().getName()
            + ", Quarry: "
            + (ours == null ? "none (no in-place kernel in this JVM)" : ours.getClass().getName()));
    batches = new int[BATCHES][BATCH];
    for (int[] batch : batches) {
      for (int i = 0; i < BATCH; i++) {
        batch[i] = random.nextInt(vectors);
      }
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    file.close();
    directory.close();
    Files.deleteIfExists(folder.resolve("vectors"));
    Files.deleteIfExists(folder);
  }

  private int[] nextBatch() {
    next = (next + 1) & (BATCHES - 1);
    return batches[next];
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float lucene() throws IOException {
    return lucene.bulkScore(nextBatch(), scores, BATCH);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float[] quarry() {
    int[] batch = nextBatch();
    long bytes = (long) dims * Float.BYTES;
    for (int i = 0; i < BATCH; i++) {
      offsets[i] = batch[i] * bytes;
    }
    if (similarity == VectorSimilarityFunction.EUCLIDEAN) {
      ours.squareDistances(offsets, scores, BATCH);
    } else {
      ours.dots(offsets, scores, BATCH);
    }
    return scores;
  }
}
