package dev.quarry.bench.scan;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.WorkFolder;
import dev.quarry.index.Collection;
import dev.quarry.index.VectorEncoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Quarry's exact scan (the path of small filtered sets: every passing vector scored with full
 * precision) in bytes of vectors read per second, against the machine's memory read bandwidth
 * measured in the same JVM, contenders taking turns round by round. The collections hold more
 * vectors than any last-level cache; the scan runs on one query thread, the bandwidth peer on one
 * thread and on all threads (docs/decisions/0125).
 *
 * <p>Run: {@code bin/bench scan [--vectors 300000] [--rounds 5]}; {@code --smoke} for CI.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Exact scan GB/s against memory read bandwidth, in the same run.")
public final class ScanBandwidth implements Runnable {
  @Mixin WorkFolder work;

  @Option(names = "--vectors", description = "Vectors per collection. Default: ${DEFAULT-VALUE}.")
  int vectors = 300_000;

  @Option(names = "--dims", description = "Dimensions. Default: ${DEFAULT-VALUE}.")
  int dims = 384;

  @Option(
      names = "--encodings",
      split = ",",
      description = "Encodings scanned. Default: float32,int8.")
  List<String> encodings = List.of("float32", "int8");

  @Option(names = "--rounds", description = "Rounds. Default: ${DEFAULT-VALUE}.")
  int rounds = 5;

  @Option(
      names = "--seconds",
      description = "Least time per contender per round. Default: ${DEFAULT-VALUE}.")
  double seconds = 2;

  @Option(names = "--seed", description = "Seed of the vectors. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(names = "--smoke", description = "CI: 20,000 vectors, 1 round, 0.2 s per contender.")
  boolean smoke;

  private static final int K = 10;
  private static final int QUERIES = 64;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScanBandwidth()).execute(args));
  }

  /** One contender: a pass over its bytes, returning bytes/s. */
  private interface Pass {
    double run() throws Exception;
  }

  @Override
  public void run() {
    if (smoke) {
      vectors = 20_000;
      rounds = 1;
      seconds = 0.2;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    long vectorBytes = 4L * vectors * dims;
    String loadBefore = BenchData.loadAverage();
    List<Collection> open = new ArrayList<>();
    try (StreamRead stream = new StreamRead(vectorBytes, threads, seed)) {
      Map<String, Pass> contenders = new LinkedHashMap<>();
      for (StreamRead.Source source : StreamRead.Source.values()) {
        String where = source.name().toLowerCase(Locale.ROOT).replace('_', '-');
        contenders.put("stream " + where + ", 1 thread", () -> stream.pass(source, 1));
        contenders.put(
            "stream " + where + ", " + threads + " threads", () -> stream.pass(source, threads));
      }
      List<float[]> queries = new ArrayList<>();
      for (int q = 0; q < QUERIES; q++) {
        queries.add(ScanCollections.vector(seed ^ 0x5DEECE66DL, q, dims));
      }
      for (String id : encodings) {
        VectorEncoding encoding = VectorEncoding.parse(id);
        Collection c = ScanCollections.open(work.path(), encoding, vectors, dims, seed);
        open.add(c);
        int[] next = {0};
        contenders.put(
            "exact scan " + encoding.id() + ", 1 thread",
            () -> {
              long t0 = System.nanoTime();
              if (c.exactSearch(queries.get(next[0]++ % QUERIES), K).size() != K) {
                throw new IllegalStateException("the scan returned fewer than " + K + " hits");
              }
              return vectorBytes / ((System.nanoTime() - t0) / 1e9);
            });
      }
      System.out.printf(
          "exact scan vs memory bandwidth: %,d vectors × %d floats (%.0f MB of float32 vectors,"
              + " read by every scan, int8 included), k=%d, %d rounds of ≥ %.1f s per contender,"
              + " %d threads; load average %s%n",
          vectors, dims, vectorBytes / 1e6, K, rounds, seconds, threads, loadBefore);
      report(measure(contenders));
      System.out.printf("load average at the end: %s%n", BenchData.loadAverage());
    } catch (Exception e) {
      throw new RuntimeException(e);
    } finally {
      open.forEach(Collection::close);
    }
  }

  /** Per contender, the sustained GB/s of each round and the best single pass of the run. */
  private record Rates(double[] sustained, double[] best) {}

  private Map<String, Rates> measure(Map<String, Pass> contenders) throws Exception {
    List<String> names = new ArrayList<>(contenders.keySet());
    Map<String, Rates> rates = new LinkedHashMap<>();
    for (String name : names) {
      rates.put(name, new Rates(new double[rounds], new double[rounds]));
      contenders.get(name).run(); // warm-up: pages in, code compiled
      contenders.get(name).run();
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + r) % names.size()); // order rotates round by round
        Pass pass = contenders.get(name);
        // Every pass reads the same bytes (the vectors' size), so the sustained rate is the
        // harmonic mean of the passes' rates.
        double secondsPerByte = 0;
        int passes = 0;
        double best = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9 || passes < 3) {
          double rate = pass.run();
          secondsPerByte += 1 / rate;
          passes++;
          best = Math.max(best, rate);
        }
        rates.get(name).sustained()[r] = passes / secondsPerByte / 1e9;
        rates.get(name).best()[r] = best / 1e9;
      }
    }
    return rates;
  }

  private void report(Map<String, Rates> rates) {
    System.out.printf("%-34s %14s %12s   %s%n", "contender", "median GB/s", "best GB/s", "rounds");
    for (var e : rates.entrySet()) {
      StringBuilder perRound = new StringBuilder();
      for (double v : e.getValue().sustained()) {
        perRound.append(String.format(Locale.ROOT, " %.2f", v));
      }
      System.out.printf(
          Locale.ROOT,
          "%-34s %14.2f %12.2f  %s%n",
          e.getKey(),
          BenchData.median(e.getValue().sustained()),
          max(e.getValue().best()),
          perRound);
    }
    int threads = Runtime.getRuntime().availableProcessors();
    double[] one = fastest(rates, ", 1 thread");
    double[] all = fastest(rates, ", " + threads + " threads");
    for (String name : rates.keySet()) {
      if (name.startsWith("exact scan")) {
        double[] scan = rates.get(name).sustained();
        System.out.printf(
            Locale.ROOT,
            "%s: %.2fx one-thread bandwidth, %.2fx %d-thread bandwidth (median of per-round"
                + " ratios to the faster stream); best pass %.2fx the best one-thread pass%n",
            name.substring(0, name.indexOf(',')),
            BenchData.medianRatio(scan, one),
            BenchData.medianRatio(scan, all),
            threads,
            max(rates.get(name).best()) / maxBest(rates, ", 1 thread"));
      }
    }
  }

  /** Per round, the faster of the two stream sources at this thread count. */
  private double[] fastest(Map<String, Rates> rates, String threads) {
    double[] out = new double[rounds];
    for (var e : rates.entrySet()) {
      if (e.getKey().startsWith("stream") && e.getKey().endsWith(threads)) {
        for (int r = 0; r < rounds; r++) {
          out[r] = Math.max(out[r], e.getValue().sustained()[r]);
        }
      }
    }
    return out;
  }

  private static double maxBest(Map<String, Rates> rates, String threads) {
    double best = 0;
    for (var e : rates.entrySet()) {
      if (e.getKey().startsWith("stream") && e.getKey().endsWith(threads)) {
        best = Math.max(best, max(e.getValue().best()));
      }
    }
    return best;
  }

  private static double max(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
