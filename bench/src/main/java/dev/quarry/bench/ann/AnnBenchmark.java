package dev.quarry.bench.ann;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.WordnetVectors;
import dev.quarry.core.Vectors;
import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.spi.LuceneAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * ANN benchmark: Quarry (every encoding) against raw Lucene, JVector and native hnswlib on the same
 * vectors with the same graph parameters, sweeping the search effort; recall@k against exact
 * search, queries/s, build time and bytes per vector. Writes docs/benchmarks.md and its charts.
 *
 * <p>Run: {@code bin/bench ann --data ../shared/data} (the report); {@code --smoke} for CI.
 */
@Command(
    name = "ann",
    mixinStandardHelpOptions = true,
    description =
        "Recall vs queries/s of Quarry, Lucene, JVector and hnswlib; writes the ANN report.")
public final class AnnBenchmark implements Runnable {
  @Mixin BenchPaths paths;
  static final int K = 10;

  @Option(
      names = "--out",
      description =
          "Folder for benchmarks.md and img/ (the docs folder). Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("docs");

  @Option(names = "--datasets", split = ",", description = "wordnet, fashion-mnist. Default: both.")
  List<String> datasets = List.of("wordnet", "fashion-mnist");

  @Option(
      names = "--docs",
      description = "Base vectors per dataset (at most). Default: all (116,659 / 60,000).")
  int docs = Integer.MAX_VALUE;

  @Option(names = "--queries", description = "Queries per dataset. Default: ${DEFAULT-VALUE}.")
  int queries = 1000;

  @Option(names = "--encodings", split = ",", description = "Quarry encodings. Default: all.")
  List<String> encodings = List.of("float32", "int8", "int4", "binary");

  @Option(
      names = "--ef",
      split = ",",
      description =
          "Search efforts (candidate list sizes); each encoding's default efSearch (100, for"
              + " binary too since its vectors are rotated) gives the report's recall at the"
              + " defaults. Default: ${DEFAULT-VALUE}.")
  List<Integer> efs = List.of(10, 16, 24, 32, 48, 64, 96, 100, 128, 200, 256, 384);

  @Option(names = "--rounds", description = "Measurement rounds. Default: ${DEFAULT-VALUE}.")
  int rounds = 3;

  @Option(
      names = "--min-seconds",
      description =
          "Each measurement repeats the queries for at least this long. Default: ${DEFAULT-VALUE}.")
  double minSeconds = 1;

  @Option(names = "--m", description = "HNSW M (max neighbours). Default: ${DEFAULT-VALUE}.")
  int m = HnswParams.DEFAULTS.maxConn();

  @Option(
      names = "--beam-width",
      description = "HNSW construction beam (efConstruction). Default: ${DEFAULT-VALUE}.")
  int beamWidth = HnswParams.DEFAULTS.beamWidth();

  @Option(
      names = "--smoke",
      description =
          "CI smoke run: 2,000 vectors, 50 queries, 1 round, a few efforts, report under"
              + " --work/ann-smoke.")
  boolean smoke;

  @Option(
      names = "--no-hnswlib",
      description = "Leave out the native hnswlib peer (it is compiled with g++ when present).")
  boolean noHnswlib;

  private String[] args = new String[0];
  private Path hnswlib;

  public static void main(String[] args) {
    AnnBenchmark bench = new AnnBenchmark();
    bench.args = args;
    System.exit(new CommandLine(bench).execute(args));
  }

  @Override
  public void run() {
    if (smoke) {
      docs = Math.min(docs, 2000);
      queries = Math.min(queries, 50);
      rounds = 1;
      minSeconds = 0.01;
      efs = List.of(10, 32, 100);
      out = paths.work().resolve("ann-smoke");
    }
    try {
      Files.createDirectories(paths.work());
      if (!noHnswlib) {
        hnswlib = HnswlibNative.compile(paths.work());
        if (hnswlib == null) {
          System.err.println(HnswlibNative.reason());
        }
      }
      HnswParams hnsw = new HnswParams(m, beamWidth);
      List<AnnResults.Dataset> results = new ArrayList<>();
      for (String name : datasets) {
        AnnDataset dataset = load(name);
        results.add(run(dataset, hnsw));
      }
      AnnReport report =
          new AnnReport(
              results, hnsw, K, rounds, minSeconds, "bin/bench ann " + String.join(" ", args));
      report.write(out);
      System.err.println("wrote " + out.resolve(AnnReport.FILE) + " and " + out.resolve("img"));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private AnnDataset load(String name) throws Exception {
    Files.createDirectories(paths.work());
    return switch (name) {
      case "wordnet" -> wordnet();
      case "fashion-mnist" -> fashionMnist();
      default ->
          throw new CommandLine.ParameterException(
              new CommandLine(this), "unknown dataset '" + name + "': use wordnet, fashion-mnist");
    };
  }

  /** The WordNet-gloss vectors, queries held out evenly over the corpus (as bench collection). */
  private AnnDataset wordnet() throws Exception {
    // The full run takes every gloss; the smoke run only embeds what it uses (a fresh clone has
    // no cached vectors, and embedding all 117k takes minutes).
    List<float[]> all =
        WordnetVectors.load(
            paths.data(),
            paths.work(),
            "all-minilm-l6-v2",
            smoke ? docs + queries : Integer.MAX_VALUE);
    List<float[]> queryVectors = new ArrayList<>();
    List<float[]> base = new ArrayList<>();
    int stride = Math.max(2, all.size() / Math.max(1, queries));
    for (int i = 0; i < all.size(); i++) {
      float[] v = Vectors.normalizeInPlace(all.get(i).clone());
      if (i % stride == 0 && queryVectors.size() < queries) {
        queryVectors.add(v);
      } else if (base.size() < docs) {
        base.add(v);
      }
    }
    return withTruth(
        "wordnet",
        "WordNet 3.0 glosses embedded with all-MiniLM-L6-v2 (Quarry's default model), 384-d,"
            + " cosine (unit vectors); queries are held-out glosses spread over the corpus",
        Similarity.COSINE,
        base,
        queryVectors);
  }

  /** ann-benchmarks' Fashion-MNIST: the 60,000 training images as base, test images as queries. */
  private AnnDataset fashionMnist() {
    List<float[]> base = FashionMnist.images(paths.data(), FashionMnist.TRAIN, docs);
    List<float[]> queryVectors = FashionMnist.images(paths.data(), FashionMnist.TEST, queries);
    return withTruth(
        "fashion-mnist",
        "Fashion-MNIST as in ann-benchmarks: 784-d raw pixels, Euclidean; base = training images,"
            + " queries = the first test images",
        Similarity.EUCLIDEAN,
        base,
        queryVectors);
  }

  private AnnDataset withTruth(
      String name,
      String description,
      Similarity similarity,
      List<float[]> base,
      List<float[]> queryVectors) {
    Path cache =
        paths
            .work()
            .resolve(
                "truth-"
                    + name
                    + "-"
                    + base.size()
                    + "-"
                    + queryVectors.size()
                    + "-k"
                    + K
                    + ".ivecs");
    List<int[]> truth =
        GroundTruth.load(cache, base, queryVectors, LuceneAccess.similarityFunction(similarity), K);
    return new AnnDataset(name, description, similarity, base, queryVectors, truth);
  }

  private List<AnnEngine> engines(HnswParams hnsw) {
    List<AnnEngine> engines = new ArrayList<>();
    engines.add(new LuceneEngine(hnsw));
    for (String e : encodings) {
      engines.add(new QuarryEngine(VectorEncoding.parse(e), hnsw));
    }
    engines.add(new JVectorEngine(hnsw));
    if (hnswlib != null) {
      engines.add(new HnswlibEngine(hnswlib, hnsw));
    }
    return engines;
  }

  /**
   * Builds every engine once on a small prefix, untimed, so that the first timed build does not pay
   * for compiling the graph code (Lucene's, which Quarry shares) and later ones get it free.
   */
  private void warmUpBuilds(AnnDataset dataset, HnswParams hnsw, Path dir) throws Exception {
    int n = Math.min(dataset.base().size(), 5000);
    AnnDataset prefix =
        new AnnDataset(
            dataset.name(),
            dataset.description(),
            dataset.similarity(),
            dataset.base().subList(0, n),
            dataset.queries(),
            dataset.truth());
    List<AnnEngine> engines = engines(hnsw);
    for (int i = 0; i < engines.size(); i++) {
      try (AnnEngine e = engines.get(i)) {
        e.build(prefix, dir.resolve("engine-" + i));
      }
    }
    BenchData.deleteTree(dir);
  }

  /**
   * CPU time of the whole process (every thread: the builder, RocksDB's and Lucene's background
   * threads, JIT and GC). Builds run one after another, so on a shared machine this is steadier
   * than wall time, which also counts the time other processes held the cores.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private AnnResults.Dataset run(AnnDataset dataset, HnswParams hnsw) throws Exception {
    System.err.printf(
        "%s: %d vectors, %d-d, %d queries%n",
        dataset.name(), dataset.base().size(), dataset.dimensions(), dataset.queries().size());
    List<AnnEngine> engines = engines(hnsw);
    Path root = paths.work().resolve("ann-" + dataset.name());
    BenchData.deleteTree(root);
    try {
      warmUpBuilds(dataset, hnsw, root.resolve("warm-up"));
      double[] buildSeconds = new double[engines.size()];
      double[] buildCpuSeconds = new double[engines.size()];
      for (int i = 0; i < engines.size(); i++) {
        AnnEngine engine = engines.get(i);
        System.gc(); // the previous build's garbage is not this build's cost
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        engine.build(dataset, root.resolve("engine-" + i));
        buildSeconds[i] = (System.nanoTime() - start) / 1e9;
        buildCpuSeconds[i] = (processCpuNanos() - cpu) / 1e9;
        if (engine instanceof HnswlibEngine child) { // built in its own process
          buildSeconds[i] = child.buildSeconds();
          buildCpuSeconds[i] = child.buildCpuSeconds();
        }
        System.err.printf(
            "  built %-15s in %6.1f s (%6.1f CPU s), %d segment(s)%n",
            engine.name(), buildSeconds[i], buildCpuSeconds[i], engine.segments());
      }
      Sweep sweep = new Sweep(dataset, K, minSeconds);
      List<List<AnnResults.Point>> points = sweep.run(engines, efs, rounds);
      ExactScan.Result scan = null;
      for (AnnEngine e : engines) {
        if (e instanceof QuarryEngine q && !q.encoding().quantized()) {
          scan = ExactScan.measure(q, dataset, K, rounds, minSeconds);
          System.err.printf(
              "  exact scan %.1f GB/s, one-core stream read %.1f GB/s (%.2f×)%n",
              scan.scanGbps(), scan.streamGbps(), scan.ratio());
        }
      }
      List<AnnResults.Engine> out = new ArrayList<>();
      for (int i = 0; i < engines.size(); i++) {
        AnnEngine e = engines.get(i);
        boolean quarry = e instanceof QuarryEngine;
        out.add(
            new AnnResults.Engine(
                e.name(),
                buildSeconds[i],
                buildCpuSeconds[i],
                e.indexBytes(),
                quarry ? ((QuarryEngine) e).storeBytes() : -1,
                quarry ? ((QuarryEngine) e).searchMemoryBytes() : -1,
                e.segments(),
                points.get(i)));
      }
      return new AnnResults.Dataset(
          dataset.name(),
          dataset.description(),
          dataset.base().size(),
          dataset.dimensions(),
          dataset.queries().size(),
          out,
          scan);
    } finally {
      for (int i = engines.size() - 1; i >= 0; i--) {
        engines.get(i).close();
      }
      BenchData.deleteTree(root);
    }
  }
}
