package dev.quarry.bench.ann;

import dev.quarry.engine.io.Fvecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;
import org.apache.lucene.index.VectorSimilarityFunction;

/** Exact top-k neighbours by scanning every base vector, cached as {@code .ivecs}. */
final class GroundTruth {
  private GroundTruth() {}

  /**
   * The ordinals of the {@code k} best base vectors per query, best first; read from {@code cache}
   * when it exists (its name must encode what was searched), written there otherwise.
   */
  static List<int[]> load(
      Path cache,
      List<float[]> base,
      List<float[]> queries,
      VectorSimilarityFunction similarity,
      int k) {
    if (Files.isRegularFile(cache)) {
      List<int[]> cached = Fvecs.readInts(cache);
      if (cached.size() == queries.size() && cached.get(0).length == k) {
        System.err.println("using cached ground truth " + cache);
        return cached;
      }
    }
    long start = System.nanoTime();
    List<int[]> truth =
        IntStream.range(0, queries.size())
            .parallel()
            .mapToObj(q -> exact(base, queries.get(q), similarity, k))
            .toList();
    System.err.printf(
        "ground truth: %d queries × %d vectors in %.1f s (cached in %s)%n",
        queries.size(), base.size(), (System.nanoTime() - start) / 1e9, cache);
    Fvecs.writeInts(cache, truth);
    return truth;
  }

  static int[] exact(
      List<float[]> base, float[] query, VectorSimilarityFunction similarity, int k) {
    // Min-heap on score; equal scores keep the lower ordinal, so the result is deterministic.
    PriorityQueue<long[]> best =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
    for (int i = 0; i < base.size(); i++) {
      float score = similarity.compare(query, base.get(i));
      long key = sortable(score);
      if (best.size() < k) {
        best.add(new long[] {key, i});
      } else if (key > best.peek()[0]) {
        best.poll();
        best.add(new long[] {key, i});
      }
    }
    long[][] sorted = best.toArray(new long[0][]);
    Arrays.sort(
        sorted, (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
    int[] ids = new int[sorted.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (int) sorted[i][1];
    }
    return ids;
  }

  /** Float order as long order (scores are finite). */
  private static long sortable(float score) {
    int bits = Float.floatToIntBits(score);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /** Fraction of the true top-{@code k} found among the first {@code k} of {@code found}. */
  static double recall(int[] truth, int[] found, int k) {
    int hits = 0;
    for (int i = 0; i < Math.min(k, found.length); i++) {
      for (int j = 0; j < k; j++) {
        if (truth[j] == found[i]) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / k;
  }
}
