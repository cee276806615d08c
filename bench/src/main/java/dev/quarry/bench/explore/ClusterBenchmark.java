package dev.quarry.bench.explore;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.WordnetVectors;
import dev.quarry.core.FileTrees;
import dev.quarry.core.Vectors;
import dev.quarry.explore.AutoK;
import dev.quarry.explore.ClusterScores;
import dev.quarry.explore.Clustering;
import dev.quarry.explore.Hdbscan;
import dev.quarry.explore.KMeans;
import dev.quarry.explore.UmapReduction;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import java.nio.file.Path;
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
 * Issue 21, acceptance 2: NMI and V-measure of k-means (k = 45) and HDBSCAN clusters of the WordNet
 * glosses against their 45 supersenses, for MiniLM vectors and, for each algorithm, a baseline of
 * the same size: a seeded Gaussian random projection of each gloss's bag of words (what the words
 * alone give). Run time and peak heap of each run.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "k-means and HDBSCAN on WordNet glosses vs supersenses: MiniLM against random projection.")
public final class ClusterBenchmark implements Callable<Integer> {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final int THREADS = 2;

  /** Held so the level sticks: Tribuo logs every k-means iteration at INFO. */
  private static final java.util.logging.Logger TRIBUO_LOG =
      java.util.logging.Logger.getLogger("org.tribuo");

  @Mixin BenchPaths paths;

  @Option(names = "--k", description = "k-means clusters. Default: ${DEFAULT-VALUE}.")
  int k = 45;

  @Option(
      names = "--seed",
      description = "Clustering and projection seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--iterations",
      description = "Most k-means iterations. Default: ${DEFAULT-VALUE}.")
  int iterations = KMeans.DEFAULT_ITERATIONS;

  @Option(
      names = "--sample",
      split = ",",
      description =
          "HDBSCAN sample sizes (one row pair each; the rest assigned by nearest exemplar)."
              + " Default: ${DEFAULT-VALUE}.")
  List<Integer> samples = List.of(Hdbscan.DEFAULT_SAMPLE);

  @Option(
      names = "--min-size",
      description = "HDBSCAN smallest cluster, in glosses. Default: Quarry's (0.2%, at least 5).")
  Integer minSize;

  @Option(
      names = "--reduce-dims",
      description =
          "HDBSCAN rows run on the vectors reduced by UMAP on an HNSW graph to this many"
              + " dimensions, as `quarry cluster` does (0: no reduction). Default: ${DEFAULT-VALUE}.")
  int reduceDims = UmapReduction.DEFAULT_DIMENSIONS;

  @Option(names = "--raw", description = "Also HDBSCAN rows on the unreduced vectors (before).")
  boolean raw;

  @Option(names = "--glosses", description = "Use an even spread of this many glosses (all: 0).")
  int glosses;

  @Option(names = "--auto", description = "Add a k-means row with k chosen by --auto.")
  boolean auto;

  @Option(names = "--no-kmeans", description = "Leave out the k-means rows.")
  boolean noKmeans;

  @Option(
      names = "--scaling",
      split = ",",
      description =
          "Instead of the table: HDBSCAN's own time on this many MiniLM glosses each (no"
              + " sample), to show how it grows.")
  List<Integer> scaling = List.of();

  @Option(
      names = "--smoke",
      description = "2,000 glosses, HDBSCAN on a 1,000 sample, with --auto: proves it runs (CI).")
  boolean smoke;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClusterBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    if (smoke) {
      glosses = 2_000;
      samples = List.of(1_000);
      auto = true;
      raw = true;
    }
    int limit = glosses > 0 ? glosses : Integer.MAX_VALUE;
    List<float[]> minilm = WordnetVectors.load(paths.data(), paths.work(), MODEL, limit);
    int n = minilm.size();
    List<String> labels = BenchData.spread(ClassifyBenchmark.supersenses(paths.data()), n);
    List<float[]> projected =
        projectWords(
            BenchData.spread(BenchData.wordnetGlosses(paths.data()), n),
            minilm.get(0).length,
            seed);
    int min = minSize != null ? minSize : Hdbscan.defaultMinSize(n);
    if (!scaling.isEmpty()) {
      scaling(minilm, min);
      return 0;
    }
    System.out.printf(
        "## Clusters of %d WordNet glosses vs their %d supersenses (seed %d; load average %s)%n%n"
            + "| method | vectors | clusters | largest | noise | homogeneity | completeness |"
            + " V-measure | NMI | seconds | peak heap added MB |%n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        n, new java.util.HashSet<>(labels).size(), seed, loadAverage());
    for (Run run : runs(n, min)) {
      row(run, MODEL, minilm, labels);
      row(run, "random projection of words", projected, labels);
    }
    return 0;
  }

  /** HDBSCAN on spreads of m vectors, the smallest cluster scaled as the sample's would be. */
  private void scaling(List<float[]> vectors, int min) {
    System.out.printf(
        "## HDBSCAN (Tribuo) run time by documents (load average %s)%n%n| documents | smallest"
            + " cluster | clusters | seconds | ratio to previous |%n|---:|---:|---:|---:|---:|%n",
        loadAverage());
    double previous = 0;
    for (int m : scaling) {
      List<float[]> part = BenchData.spread(vectors, m);
      int scaled = Math.max(2, (int) Math.round((double) min * m / vectors.size()));
      long start = System.nanoTime();
      Clustering clustering = Hdbscan.run(part, scaled, m, THREADS, seed);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "| %,d | %d | %d | %.1f | %s |%n",
          m,
          scaled,
          clustering.clusters(),
          seconds,
          previous > 0 ? String.format(Locale.ROOT, "%.2f", seconds / previous) : "");
      previous = seconds;
    }
  }

  /** A clustering method with its parameters, as a table row's first cell. */
  private record Run(String name, java.util.function.Function<List<float[]>, Clustering> method) {}

  private List<Run> runs(int n, int min) {
    List<Run> runs = new ArrayList<>();
    if (!noKmeans) {
      runs.add(
          new Run(
              "k-means k=" + k + ", " + iterations + " it.",
              v -> KMeans.run(v, k, iterations, THREADS, seed)));
    }
    for (int sample : samples) {
      String on = sample >= n ? "all" : String.format("sample %,d", sample);
      if (raw || reduceDims == 0) {
        runs.add(
            new Run(
                "HDBSCAN min " + min + ", " + on, v -> Hdbscan.run(v, min, sample, THREADS, seed)));
      }
      if (reduceDims > 0) {
        runs.add(
            new Run(
                "UMAP " + reduceDims + "-d + HDBSCAN min " + min + ", " + on,
                v -> reducedHdbscan(v, min, sample)));
      }
    }
    if (auto) {
      runs.add(
          new Run(
              "k-means --auto",
              v ->
                  KMeans.run(
                      v,
                      AutoK.choose(v, iterations, THREADS, seed).k(),
                      iterations,
                      THREADS,
                      seed)));
    }
    return runs;
  }

  /**
   * HDBSCAN on the vectors reduced by UMAP through an HNSW graph, built here in a scratch
   * vectors-only collection (its build time is in the row's seconds; `quarry cluster` finds the
   * graph already built); centroids in the original space, as the command takes them.
   */
  private Clustering reducedHdbscan(List<float[]> vectors, int min, int sample) {
    Path dir = paths.work().resolve("cluster-umap-" + ProcessHandle.current().pid());
    FileTrees.delete(dir);
    List<String> ids = new ArrayList<>(vectors.size());
    try (Collection c =
        Collection.create(
            dir, CollectionConfig.forVectors(vectors.get(0).length, Similarity.COSINE))) {
      List<Document> docs = new ArrayList<>(vectors.size());
      for (int i = 0; i < vectors.size(); i++) {
        ids.add("g" + i);
        docs.add(Document.builder("g" + i).vector(vectors.get(i)).build());
      }
      c.upsert(docs);
      c.commit();
      List<float[]> reduced =
          UmapReduction.reduce(
              c, ids, vectors, reduceDims, seed, THREADS, dev.quarry.explore.MapProgress.none());
      Clustering found = Hdbscan.run(reduced, min, sample, THREADS, seed);
      return Clustering.withMeans(found.assignment(), vectors, found.clusters());
    } finally {
      FileTrees.delete(dir);
    }
  }

  private void row(Run run, String vectorsName, List<float[]> vectors, List<String> labels)
      throws InterruptedException {
    HeapPeak peak = HeapPeak.start();
    long start = System.nanoTime();
    Clustering clustering = run.method().apply(vectors);
    double seconds = (System.nanoTime() - start) / 1e9;
    long mb = peak.stop() >> 20;
    ClusterScores s = ClusterScores.of(clustering.assignment(), labels);
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.1f | %d |%n",
        run.name(),
        vectorsName,
        clustering.clusters(),
        java.util.Arrays.stream(clustering.sizes()).max().orElse(0),
        clustering.noise(),
        s.homogeneity(),
        s.completeness(),
        s.vMeasure(),
        s.nmi(),
        seconds,
        mb);
  }

  private static String loadAverage() {
    return String.format(
        Locale.ROOT,
        "%.2f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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

  /**
   * The most heap in use while a task runs, sampled every 50 ms, above what was in use (after a
   * collection) when it started: the task's own memory, not the vectors loaded before it.
   */
  static final class HeapPeak {
    private volatile boolean running = true;
    private volatile long peak;
    private long base;
    private Thread thread;

    static HeapPeak start() {
      System.gc();
      HeapPeak p = new HeapPeak();
      Runtime runtime = Runtime.getRuntime();
      p.base = runtime.totalMemory() - runtime.freeMemory();
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
      return Math.max(0, peak - base);
    }
  }
}
