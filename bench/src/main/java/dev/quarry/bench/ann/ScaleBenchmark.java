package dev.quarry.bench.ann;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.WordnetVectors;
import dev.quarry.core.Vectors;
import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.spi.LuceneAccess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scale benchmark: a corpus of {@code --vectors} 384-d vectors grown from the WordNet-gloss
 * embeddings ({@link ScaleVectors}), built with each encoding (build time and CPU, Java heap and
 * resident memory, disk), then searched by every encoding in turn at a sweep of efforts (recall@10
 * against exact search, queries/s, and queries/s at recall 0.95 as a ratio to float32).
 *
 * <p>The build and the search can run as separate processes ({@code --phase build}, then {@code
 * --phase search}), so that the search can run under a memory limit smaller than the float32
 * vectors; docs/measurements.md gives the commands.
 *
 * <p>Run: {@code bin/bench scale --data ../shared/data [--vectors 1000000]}; {@code --smoke} for
 * CI.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = "Build and search a large corpus with float32, int8 and binary encodings.")
public final class ScaleBenchmark implements Runnable {
  static final int K = 10;
  static final double TARGET = 0.95;

  @Mixin BenchPaths paths;

  @Option(names = "--vectors", description = "Corpus size. Default: ${DEFAULT-VALUE}.")
  int vectors = 1_000_000;

  @Option(names = "--queries", description = "Held-out query glosses. Default: ${DEFAULT-VALUE}.")
  int queries = 500;

  @Option(
      names = "--glosses",
      description =
          "WordNet glosses embedded (spread over the corpus): the queries, and the seeds the corpus"
              + " is grown from. Default: all (117,659).")
  int glosses = Integer.MAX_VALUE;

  @Option(
      names = "--noise",
      description = "Expected norm of the noise added to each copy. Default: ${DEFAULT-VALUE}.")
  double noise = 0.5;

  @Option(names = "--seed", description = "Seed of the noise. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(names = "--encodings", split = ",", description = "Default: ${DEFAULT-VALUE}.")
  List<String> encodings = List.of("float32", "int8", "binary");

  @Option(names = "--ef", split = ",", description = "Search efforts. Default: ${DEFAULT-VALUE}.")
  List<Integer> efs = List.of(10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384);

  @Option(names = "--rounds", description = "Measurement rounds. Default: ${DEFAULT-VALUE}.")
  int rounds = 1;

  @Option(names = "--min-seconds", description = "Per measurement. Default: ${DEFAULT-VALUE}.")
  double minSeconds = 1;

  @Option(
      names = "--phase",
      description =
          "build (keep the collections), search (open kept ones) or both (then delete them)."
              + " Default: ${DEFAULT-VALUE}.")
  String phase = "both";

  @Option(names = "--smoke", description = "CI: 20,000 vectors, 50 queries, three efforts.")
  boolean smoke;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScaleBenchmark()).execute(args));
  }

  @Override
  public void run() {
    if (smoke) {
      vectors = Math.min(vectors, 20_000);
      queries = Math.min(queries, 50);
      glosses = Math.min(glosses, 5_050);
      efs = List.of(10, 32, 100);
      minSeconds = 0.01;
    }
    if (!List.of("build", "search", "both").contains(phase)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--phase must be build, search or both, not '" + phase + "'");
    }
    try {
      Path root = paths.work().resolve("scale-" + vectors);
      Path truthFile =
          root.resolve(String.format("truth-q%d-noise%s-seed%d.ivecs", queries, noise, seed));
      List<float[]> queryVectors = new ArrayList<>();
      // The search phase keeps no seeds, so that its heap fits under a memory limit.
      List<float[]> seeds = phase.equals("search") ? null : new ArrayList<>();
      split(queryVectors, seeds);
      if (!phase.equals("search")) {
        build(root, truthFile, seeds, queryVectors);
      }
      seeds = null; // the search phase must not hold the corpus
      if (!phase.equals("build")) {
        if (!Files.isRegularFile(truthFile)) {
          throw new IllegalStateException(
              "no ground truth in " + root + ": run --phase build with the same options first");
        }
        List<int[]> truth = GroundTruth.load(truthFile, List.of(), queryVectors, null, K);
        search(
            root, new AnnDataset("scale", "", Similarity.COSINE, List.of(), queryVectors, truth));
        if (phase.equals("both")) {
          BenchData.deleteTree(root);
        }
      }
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  /**
   * Queries are glosses held out evenly over the corpus; the rest seed the generated vectors (kept
   * only when {@code seeds} is not null).
   */
  private void split(List<float[]> queryVectors, List<float[]> seeds) throws Exception {
    List<float[]> all =
        WordnetVectors.load(paths.data(), paths.work(), "all-minilm-l6-v2", glosses);
    int stride = Math.max(2, all.size() / Math.max(1, queries));
    for (int i = 0; i < all.size(); i++) {
      float[] v = Vectors.normalizeInPlace(all.get(i).clone());
      if (i % stride == 0 && queryVectors.size() < queries) {
        queryVectors.add(v);
      } else if (seeds != null) {
        seeds.add(v);
      }
    }
  }

  private void build(Path root, Path truthFile, List<float[]> seeds, List<float[]> queryVectors)
      throws Exception {
    // Only the encodings built now are replaced: one process per encoding can then build beside
    // the others, and all share the cached ground truth.
    for (String name : encodings) {
      BenchData.deleteTree(root.resolve(VectorEncoding.parse(name).id()));
    }
    Files.createDirectories(root);
    long t0 = System.nanoTime();
    List<float[]> base = ScaleVectors.generate(seeds, vectors, noise, seed);
    System.err.printf(
        "generated %,d vectors from %,d seed glosses (noise %.2f, seed %d) in %.1f s%n",
        base.size(), seeds.size(), noise, seed, (System.nanoTime() - t0) / 1e9);
    GroundTruth.load(
        truthFile, base, queryVectors, LuceneAccess.similarityFunction(Similarity.COSINE), K);
    AnnDataset dataset = new AnnDataset("scale", "", Similarity.COSINE, base, queryVectors, null);
    System.out.printf(
        "%n| encoding | build wall s | build CPU s | heap MiB (collection) | heap peak MiB | RSS MiB"
            + " | RSS peak MiB | index MiB | search-hot MiB | store MiB |%n"
            + "|---|---|---|---|---|---|---|---|---|---|%n");
    for (String name : encodings) {
      VectorEncoding encoding = VectorEncoding.parse(name);
      ProcessMemory before = ProcessMemory.now();
      ProcessMemory.resetPeaks();
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      try (QuarryEngine engine = new QuarryEngine(encoding, HnswParams.DEFAULTS)) {
        engine.build(dataset, root.resolve(encoding.id()));
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        ProcessMemory after = ProcessMemory.now();
        System.out.printf(
            "| %s | %.0f | %.0f | %s | %s | %s | %s | %s | %s | %s |%n",
            encoding.id(),
            wall,
            cpuSeconds,
            mib(after.heapBytes() - before.heapBytes()),
            mib(after.peakHeapBytes()),
            mib(after.residentBytes()),
            mib(after.peakResidentBytes()),
            mib(engine.indexBytes()),
            mib(engine.searchMemoryBytes()),
            mib(engine.storeBytes()));
      }
    }
  }

  private void search(Path root, AnnDataset dataset) throws Exception {
    ProcessMemory.resetPeaks();
    List<AnnEngine> engines = new ArrayList<>();
    try {
      for (String name : encodings) {
        VectorEncoding encoding = VectorEncoding.parse(name);
        engines.add(new OpenedCollection(encoding.id(), root.resolve(encoding.id())));
      }
      List<List<AnnResults.Point>> points =
          new Sweep(dataset, K, minSeconds).run(engines, efs, rounds);
      ProcessMemory memory = ProcessMemory.now();
      List<AnnResults.Engine> results = new ArrayList<>();
      for (int i = 0; i < engines.size(); i++) {
        results.add(
            new AnnResults.Engine(
                engines.get(i).name(), 0, 0, 0, -1, -1, engines.get(i).segments(), points.get(i)));
      }
      printSearch(results, memory);
    } finally {
      for (AnnEngine e : engines) {
        e.close();
      }
    }
  }

  private void printSearch(List<AnnResults.Engine> results, ProcessMemory memory) {
    AnnResults.Engine reference = results.get(0);
    System.out.printf(
        "%n%,d vectors, %d queries, k = %d; process after the sweep: heap %s MiB (peak %s MiB),"
            + " RSS %s MiB (peak %s MiB)%n%n| encoding | QPS @ recall %.2f | ÷ %s | recall / QPS per ef |%n"
            + "|---|---|---|---|%n",
        vectors,
        queries,
        K,
        mib(memory.heapBytes()),
        mib(memory.peakHeapBytes()),
        mib(memory.residentBytes()),
        mib(memory.peakResidentBytes()),
        TARGET,
        reference.name());
    for (AnnResults.Engine e : results) {
      StringBuilder sweep = new StringBuilder();
      for (AnnResults.Point p : e.points()) {
        sweep.append(String.format("ef %d: %.3f / %.0f; ", p.ef(), p.recall(), p.medianQps()));
      }
      double qps = e.medianQpsAt(TARGET);
      System.out.printf(
          "| %s | %s | %s | %s |%n",
          e.name(),
          Double.isNaN(qps) ? "not reached" : String.format("%,.0f", qps),
          Double.isNaN(qps) ? "–" : String.format("%.2f×", e.ratioAt(TARGET, reference)),
          sweep);
    }
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "–" : String.format("%,d", bytes >> 20);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
