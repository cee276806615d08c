package dev.quarry.bench.ann;

import dev.quarry.bench.BenchData;
import java.util.List;
import org.apache.lucene.util.VectorUtil;

/**
 * Quarry's exact scan (the path a search takes for a small filtered set: every passing vector
 * scored with full precision) against the memory bandwidth of one core, measured in turns in the
 * same run. The bandwidth peer streams heap float arrays as large as the base vectors in all
 * through Lucene's SIMD dot product of each with itself: the least work that still reads every
 * byte. The arrays are 16 KiB chunks, so that the kernel is called often enough to be compiled (one
 * call over the whole array would run interpreted). Both run on one thread, as a search does.
 */
final class ExactScan {
  private static final int CHUNK = 4096;

  private ExactScan() {}

  /** Gigabytes/s (10⁹) of both, medians over rounds; their ratio is the median per-round ratio. */
  record Result(double scanGbps, double streamGbps, double ratio) {}

  static Result measure(
      QuarryEngine quarry, AnnDataset dataset, int k, int rounds, double minSeconds) {
    List<float[]> base = dataset.base();
    int dims = dataset.dimensions();
    float[][] stream = chunks(base, dims);
    double bytes = 4.0 * base.size() * dims;
    List<float[]> queries = dataset.queries();
    double[] scan = new double[rounds];
    double[] bandwidth = new double[rounds];
    float sink = 0;
    for (int r = -1; r < rounds; r++) { // round -1 warms both up
      long scanNanos = 0;
      long streamNanos = 0;
      int done = 0;
      long start = System.nanoTime();
      do {
        long t0 = System.nanoTime();
        sink += quarry.exactSearch(queries.get(done % queries.size()), k).size();
        long t1 = System.nanoTime();
        for (float[] chunk : stream) {
          sink += VectorUtil.dotProduct(chunk, chunk);
        }
        streamNanos += System.nanoTime() - t1;
        scanNanos += t1 - t0;
        done++;
      } while (System.nanoTime() - start < minSeconds * 2e9 && done < 1000);
      if (r >= 0) {
        scan[r] = bytes * done / scanNanos;
        bandwidth[r] = bytes * done / streamNanos;
      }
    }
    if (sink == Float.MIN_VALUE) {
      System.err.println(); // keeps the reads from being optimized away
    }
    return new Result(
        BenchData.median(scan),
        BenchData.median(bandwidth),
        BenchData.medianRatio(scan, bandwidth));
  }

  /** The base vectors end to end, cut into chunks of {@value #CHUNK} floats (the last shorter). */
  private static float[][] chunks(List<float[]> base, int dims) {
    long total = (long) base.size() * dims;
    float[][] out = new float[(int) ((total + CHUNK - 1) / CHUNK)][];
    for (int c = 0; c < out.length; c++) {
      out[c] = new float[(int) Math.min(CHUNK, total - (long) c * CHUNK)];
    }
    for (long i = 0; i < total; i++) {
      out[(int) (i / CHUNK)][(int) (i % CHUNK)] = base.get((int) (i / dims))[(int) (i % dims)];
    }
    return out;
  }
}
