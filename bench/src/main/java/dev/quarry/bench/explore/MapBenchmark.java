package dev.quarry.bench.explore;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.WordnetVectors;
import dev.quarry.explore.CollectionMap;
import dev.quarry.explore.MapLayout;
import dev.quarry.explore.MapMethod;
import dev.quarry.explore.MapOptions;
import dev.quarry.explore.MapPng;
import dev.quarry.explore.MapPoint;
import dev.quarry.explore.MapProgress;
import dev.quarry.explore.Points;
import dev.quarry.explore.Trustworthiness;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 21, maps: UMAP of all 117,659 WordNet gloss vectors (MiniLM) through the collection's
 * graph, timed (wall and process CPU); trustworthiness (k = 10) of UMAP against PCA on a seeded
 * sample; the maps drawn coloured by supersense. {@code --smoke}: 2,000 glosses, both measured on
 * all of them, failing when UMAP is not more trustworthy than PCA.
 */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = "UMAP of the WordNet glosses through the graph; trustworthiness UMAP vs PCA.")
public final class MapBenchmark implements Callable<Integer> {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final String FIELD = "supersense";

  @Mixin BenchPaths paths;

  @Option(names = "--sample", description = "Trustworthiness sample. Default: ${DEFAULT-VALUE}.")
  int sample = 10_000;

  @Option(names = "--k", description = "Trustworthiness neighbours. Default: ${DEFAULT-VALUE}.")
  int k = 10;

  @Option(names = "--seed", description = "Sample and UMAP seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(names = "--threads", description = "Threads. Default: ${DEFAULT-VALUE}.")
  int threads = 2;

  @Option(names = "--skip-full", description = "Skip the map of every gloss.")
  boolean skipFull;

  @Option(names = "--png", description = "Write the map of every gloss here (a .png file).")
  Path png;

  @Option(names = "--smoke", description = "2,000 glosses only (CI).")
  boolean smoke;

  public static void main(String[] args) {
    System.exit(new CommandLine(new MapBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int limit = smoke ? 2_000 : Integer.MAX_VALUE;
    List<float[]> vectors = WordnetVectors.load(paths.data(), paths.work(), MODEL, limit);
    List<String> labels = BenchData.spread(ClassifyBenchmark.supersenses(paths.data()), limit);
    List<String> glosses = BenchData.spread(BenchData.wordnetGlosses(paths.data()), limit);
    try (Collection c =
        collection(
            paths.work().resolve("map-wordnet-" + vectors.size()), vectors, labels, glosses)) {
      Points points = Points.of(c, "map");
      System.out.printf(
          Locale.ROOT,
          "## Maps of %,d WordNet glosses (%s), %d threads, load average %.2f at the start%n%n",
          points.size(),
          MODEL,
          threads,
          load());
      if (!smoke && !skipFull) {
        full(c, points);
      }
      return trustworthiness(c, points, smoke ? points.size() : sample) ? 0 : 1;
    }
  }

  private void full(Collection c, Points points) {
    MapOptions options = MapOptions.of(MapMethod.UMAP).colorBy(FIELD).sample(0, seed);
    StageClock clock = new StageClock();
    long cpu0 = cpu();
    long t0 = System.nanoTime();
    MapLayout map = CollectionMap.build(c, points, options, threads, clock);
    clock.close();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpu() - cpu0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "UMAP of all %,d: %.1f s wall, %.1f s CPU (%.2f cores busy); stages: %s; load average %.2f"
            + " at the end%n%n",
        map.points().size(),
        wall,
        cpu,
        cpu / wall,
        clock.summary(),
        load());
    if (png != null) {
      MapPng.write(
          map,
          String.format(
              Locale.ROOT,
              "WordNet 3.0 glosses (%,d, all-MiniLM-L6-v2): UMAP, coloured by supersense",
              map.points().size()),
          png);
      System.out.println("wrote " + png + "\n");
    }
  }

  /** UMAP and PCA of the same sample, scored against the sample's original vectors. */
  private boolean trustworthiness(Collection c, Points points, int n) {
    Map<String, float[]> byId = new HashMap<>();
    points.documents().forEach(d -> byId.put(d.id(), d.vector()));
    System.out.printf(
        Locale.ROOT,
        "| method (sample of %,d, seed %d) | trustworthiness (k = %d) | seconds |%n|---|---:|---:|%n",
        n,
        seed,
        k);
    double[] t = new double[2];
    MapMethod[] methods = {MapMethod.UMAP, MapMethod.PCA};
    for (int m = 0; m < methods.length; m++) {
      long t0 = System.nanoTime();
      MapLayout map =
          CollectionMap.build(
              c, points, MapOptions.of(methods[m]).sample(n, seed), threads, MapProgress.none());
      double seconds = (System.nanoTime() - t0) / 1e9;
      float[][] original = new float[map.points().size()][];
      float[][] layout = new float[map.points().size()][];
      for (int i = 0; i < original.length; i++) {
        MapPoint p = map.points().get(i);
        original[i] = byId.get(p.id());
        layout[i] = new float[] {p.x(), p.y()};
      }
      t[m] = Trustworthiness.of(original, layout, k);
      System.out.printf(Locale.ROOT, "| %s | %.4f | %.1f |%n", methods[m].id(), t[m], seconds);
    }
    System.out.printf(Locale.ROOT, "%nload average %.2f at the end%n", load());
    if (smoke && !(t[0] > t[1])) {
      System.err.println("map smoke: UMAP is not more trustworthy than PCA");
      return false;
    }
    return true;
  }

  /** A vectors-only collection of the glosses, titled by gloss and labelled by supersense. */
  private static Collection collection(
      Path dir, List<float[]> vectors, List<String> labels, List<String> glosses) throws Exception {
    if (Collection.exists(dir)) {
      Collection c = Collection.openReadOnly(dir);
      if (c.stats().documents() == vectors.size()) {
        System.err.println("using collection " + dir);
        return c;
      }
      c.close();
      BenchData.deleteTree(dir);
    }
    long start = System.nanoTime();
    try (Collection c =
        Collection.create(
            dir, CollectionConfig.forVectors(vectors.get(0).length, Similarity.COSINE))) {
      for (int from = 0; from < vectors.size(); from += 4096) {
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < Math.min(vectors.size(), from + 4096); i++) {
          batch.add(
              Document.builder(String.format("g%06d", i))
                  .title(glosses.get(i))
                  .meta(FIELD, labels.get(i))
                  .vector(vectors.get(i))
                  .build());
        }
        c.upsert(batch);
      }
      c.commit();
    }
    System.err.printf(
        "built %s: %d documents in %.0f s%n",
        dir, vectors.size(), (System.nanoTime() - start) / 1e9);
    return Collection.openReadOnly(dir);
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Wall time of each stage of a map, and its progress on stderr every 10%. */
  private static final class StageClock implements MapProgress {
    private final List<String> done = new ArrayList<>();
    private String stage;
    private long total;
    private long start;
    private long lastTenth;

    @Override
    public synchronized void stage(String name, long steps) {
      close();
      stage = name;
      total = steps;
      start = System.nanoTime();
      lastTenth = 0;
    }

    @Override
    public synchronized void step(long count) {
      long tenth = total == 0 ? 10 : count * 10 / total;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        System.err.printf(
            Locale.ROOT,
            "  %s: %d/%d, %.0f s%n",
            stage,
            count,
            total,
            (System.nanoTime() - start) / 1e9);
      }
    }

    @Override
    public synchronized void close() {
      if (stage != null) {
        done.add(String.format(Locale.ROOT, "%s %.1f s", stage, (System.nanoTime() - start) / 1e9));
        stage = null;
      }
    }

    String summary() {
      return String.join(", ", done);
    }
  }
}
