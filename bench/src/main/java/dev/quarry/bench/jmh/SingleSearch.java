package dev.quarry.bench.jmh;

import dev.quarry.bench.BenchData;
import dev.quarry.core.Vectors;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One top-10 search through Quarry's collection API (HNSW, and rescoring for quantized encodings)
 * beside exact search over the same collection, on seeded clustered 384-d unit vectors (the shape
 * of sentence embeddings: a few hundred topics with spread). Queries rotate through 256 held-out
 * vectors, so no search repeats back to back.
 *
 * <p>Run: {@code bin/bench jmh SingleSearch} (options: {@code -p encoding=int8 -p docs=50000 -p
 * seed=N}). The collection is built once per fork, under the system temp folder, and deleted after.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SingleSearch {
  private static final int DIMS = 384;
  private static final int TOPICS = 300;

  @Param({"float32", "int8", "binary"})
  String encoding;

  @Param("20000")
  int docs;

  @Param("42")
  long seed;

  private Path dir;
  private Collection collection;
  private float[][] queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    System.out.println("SingleSearch seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centers = new float[TOPICS][];
    for (int t = 0; t < TOPICS; t++) {
      centers[t] = Vectors.normalizeInPlace(noise(random, 1f));
    }
    dir = Files.createTempDirectory("quarry-jmh-search");
    collection =
        Collection.create(
            dir.resolve("c"),
            CollectionConfig.forVectors(DIMS, Similarity.COSINE)
                .withEncoding(VectorEncoding.parse(encoding)));
    List<Document> batch = new ArrayList<>();
    for (int i = 0; i < docs; i++) {
      batch.add(Document.builder("d" + i).vector(near(random, centers)).build());
      if (batch.size() == 1000) {
        collection.upsert(batch);
        batch.clear();
      }
    }
    collection.upsert(batch);
    collection.compact();
    queries = new float[256][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = near(random, centers);
    }
  }

  private static float[] near(SplittableRandom random, float[][] centers) {
    float[] v = noise(random, 0.08f);
    float[] c = centers[random.nextInt(centers.length)];
    for (int d = 0; d < v.length; d++) {
      v[d] += c[d];
    }
    return Vectors.normalizeInPlace(v);
  }

  private static float[] noise(SplittableRandom random, float scale) {
    float[] v = new float[DIMS];
    for (int d = 0; d < DIMS; d++) {
      v[d] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return v;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    collection.close();
    BenchData.deleteTree(dir);
  }

  @Benchmark
  public Object hnswTop10() {
    return collection.search(queries[next++ & 255], 10, KnnOptions.DEFAULTS);
  }

  @Benchmark
  public Object exactTop10() {
    return collection.exactSearch(queries[next++ & 255], 10);
  }
}
