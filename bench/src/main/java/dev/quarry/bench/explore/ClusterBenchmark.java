package dev.quarry.bench.explore;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.WordnetVectors;
import dev.quarry.core.Vectors;
import dev.quarry.explore.ClusterScores;
import dev.quarry.explore.Clustering;
import dev.quarry.explore.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 21, acceptance 2 (k-means part): NMI and V-measure of k-means clusters of the WordNet
 * glosses against their 45 supersenses, for MiniLM vectors and for a baseline of the same size: a
 * seeded Gaussian random projection of each gloss's bag of words (what the words alone give).
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "k-means on WordNet glosses vs supersenses: MiniLM against random projection.")
public final class ClusterBenchmark implements Callable<Integer> {
  private static final String MODEL = "all-minilm-l6-v2";

  @Mixin BenchPaths paths;

  @Option(names = "--k", description = "Clusters. Default: ${DEFAULT-VALUE}.")
  int k = 45;

  @Option(names = "--seed", description = "k-means and projection seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--iterations",
      description = "Most k-means iterations. Default: ${DEFAULT-VALUE}.")
  int iterations = KMeans.DEFAULT_ITERATIONS;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClusterBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<float[]> minilm =
        WordnetVectors.load(paths.data(), paths.work(), MODEL, Integer.MAX_VALUE);
    List<String> labels = ClassifyBenchmark.supersenses(paths.data());
    List<float[]> projected =
        projectWords(BenchData.wordnetGlosses(paths.data()), minilm.get(0).length, seed);
    System.out.printf(
        "## k-means (k=%d, seed %d, at most %d iterations) of %d WordNet glosses vs their"
            + " supersenses%n%n| vectors | homogeneity | completeness | V-measure = NMI | seconds |"
            + " peak heap MB |%n|---|---:|---:|---:|---:|---:|%n",
        k, seed, iterations, minilm.size());
    row(MODEL, minilm, labels);
    row("random projection of words", projected, labels);
    return 0;
  }

  private void row(String name, List<float[]> vectors, List<String> labels) throws Exception {
    HeapPeak peak = HeapPeak.start();
    long start = System.nanoTime();
    Clustering clustering = KMeans.run(vectors, k, iterations, 2, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    long mb = peak.stop() >> 20;
    ClusterScores s = ClusterScores.of(clustering.assignment(), labels);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.4f | %.4f | %.4f | %.1f | %d |%n",
        name,
        s.homogeneity(),
        s.completeness(),
        s.vMeasure(),
        seconds,
        mb);
  }

  /**
   * Each text's lowercased words, each word mapped to a fixed Gaussian vector seeded by the word,
   * summed and normalized: a random projection of the bag of words to {@code dimensions}.
   */
  static List<float[]> projectWords(List<String> texts, int dimensions, long seed) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      float[] v = new float[dimensions];
      for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        if (word.isEmpty()) {
          continue;
        }
        Random r = new Random(seed * 31 + word.hashCode());
        for (int d = 0; d < dimensions; d++) {
          v[d] += (float) r.nextGaussian();
        }
      }
      out.add(Vectors.norm(v) > 0 ? Vectors.normalizeInPlace(v) : v);
    }
    return out;
  }

  /** The most heap in use while a task runs, sampled every 50 ms. */
  static final class HeapPeak {
    private volatile boolean running = true;
    private volatile long peak;
    private Thread thread;

    static HeapPeak start() {
      System.gc();
      HeapPeak p = new HeapPeak();
      p.thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    Runtime rt = Runtime.getRuntime();
                    while (p.running) {
                      p.peak = Math.max(p.peak, rt.totalMemory() - rt.freeMemory());
                      try {
                        Thread.sleep(50);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      return p;
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak;
    }
  }
}
