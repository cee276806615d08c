package dev.quarry.bench.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.util.VectorUtil;

/**
 * The memory read bandwidth peer: the same bytes held twice, streamed end to end on one thread or
 * split between several, each pass summed with Lucene's SIMD dot product of a block with itself
 * (every byte read once from memory; the least work that keeps the read from being optimized away).
 *
 * <ul>
 *   <li>{@link Source#OFF_HEAP}: a direct buffer, outside the Java heap as Lucene's mapped files
 *       are; each block of {@value #BLOCK} floats is copied into a small array that stays in the L1
 *       cache, then summed.
 *   <li>{@link Source#HEAP}: arrays of {@value #BLOCK} floats summed where they lie, no copy.
 * </ul>
 *
 * Neither is the scan's own read (mapped file, Lucene's scorer); the faster of the two is the
 * bandwidth the scan is held to.
 */
final class StreamRead implements AutoCloseable {
  private static final int BLOCK = 4096;

  /** Where the streamed bytes lie. */
  enum Source {
    OFF_HEAP,
    HEAP
  }

  private final FloatBuffer floats;
  private final float[][] arrays;
  private final long bytes;
  private final ExecutorService pool;
  private final int threads;

  /** A buffer of {@code bytes} (rounded down to whole blocks) filled with {@code seed}'s noise. */
  StreamRead(long bytes, int threads, long seed) {
    int blocks = (int) Math.max(1, bytes / (4L * BLOCK));
    ByteBuffer buffer =
        ByteBuffer.allocateDirect(blocks * BLOCK * 4).order(ByteOrder.nativeOrder());
    this.floats = buffer.asFloatBuffer();
    this.bytes = 4L * floats.capacity();
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    this.arrays = new float[blocks][BLOCK];
    for (int i = 0; i < floats.capacity(); i++) {
      float value = (float) random.nextDouble();
      floats.put(i, value);
      arrays[i / BLOCK][i % BLOCK] = value;
    }
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon(true).factory());
  }

  long bytes() {
    return bytes;
  }

  /** Bytes/s of one pass over all of {@code source}, on {@code n} threads (each its own slice). */
  double pass(Source source, int n) throws Exception {
    if (n > threads) {
      throw new IllegalArgumentException(n + " threads asked, " + threads + " made");
    }
    int blocks = floats.capacity() / BLOCK;
    List<Future<Float>> parts = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int t = 0; t < n; t++) {
      int from = (int) ((long) blocks * t / n);
      int to = (int) ((long) blocks * (t + 1) / n);
      parts.add(pool.submit(() -> source == Source.HEAP ? sumArrays(from, to) : sum(from, to)));
    }
    float sink = 0;
    for (Future<Float> part : parts) {
      sink += part.get();
    }
    long nanos = System.nanoTime() - t0;
    if (sink == Float.MIN_VALUE) {
      System.err.println(); // keeps the sums alive
    }
    return bytes / (nanos / 1e9);
  }

  private float sum(int fromBlock, int toBlock) {
    float[] block = new float[BLOCK];
    float sum = 0;
    for (int b = fromBlock; b < toBlock; b++) {
      floats.get(b * BLOCK, block);
      sum += VectorUtil.dotProduct(block, block);
    }
    return sum;
  }

  private float sumArrays(int fromBlock, int toBlock) {
    float sum = 0;
    for (int b = fromBlock; b < toBlock; b++) {
      sum += VectorUtil.dotProduct(arrays[b], arrays[b]);
    }
    return sum;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
