package dev.quarry.bench.ann;

import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native peer: hnswlib's HierarchicalNSW (M, efConstruction as everyone's, one thread, its
 * default seed) in a child process (hnswlib_peer.cpp). The child times its own build and its own
 * searches, so neither process start nor the pipe counts; {@link #searchBlock} sends a block of
 * queries at once and returns the child's nanoseconds. Cosine datasets are unit vectors, searched
 * with inner product as Lucene's DOT_PRODUCT does.
 */
final class HnswlibEngine implements AnnEngine {
  private final Path program;
  private final HnswParams hnsw;
  private Process process;
  private OutputStream toChild;
  private DataInputStream fromChild;
  private int dimensions;
  private double buildSeconds;
  private double buildCpuSeconds;
  private long indexBytes;

  HnswlibEngine(Path program, HnswParams hnsw) {
    this.program = program;
    this.hnsw = hnsw;
  }

  @Override
  public String name() {
    return "hnswlib";
  }

  @Override
  public void build(AnnDataset dataset, Path dir) throws Exception {
    Files.createDirectories(dir);
    dimensions = dataset.dimensions();
    process =
        new ProcessBuilder(
                program.toString(),
                dir.resolve("index.hnsw").toString(),
                dataset.similarity() == Similarity.EUCLIDEAN ? "l2" : "ip",
                Integer.toString(hnsw.maxConn()),
                Integer.toString(hnsw.beamWidth()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    toChild = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
    fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    List<float[]> base = dataset.base();
    send(ints(base.size(), dimensions));
    for (float[] v : base) {
      send(floats(v));
    }
    toChild.flush();
    buildSeconds = readDouble();
    buildCpuSeconds = readDouble();
    indexBytes = Long.reverseBytes(fromChild.readLong());
  }

  /** The child's own build time (wall), without process start and the transfer of the vectors. */
  double buildSeconds() {
    return buildSeconds;
  }

  /** The child's CPU time for the build (it builds on one thread). */
  double buildCpuSeconds() {
    return buildCpuSeconds;
  }

  @Override
  public int[] search(float[] query, int k, int ef) throws Exception {
    int[][] found = new int[1][];
    searchBlock(List.of(query), 0, 1, k, ef, found);
    return found[0];
  }

  @Override
  public long searchBlock(List<float[]> queries, int from, int to, int k, int ef, int[][] found)
      throws IOException {
    send(ints(to - from, k, ef));
    for (int q = from; q < to; q++) {
      send(floats(queries.get(q)));
    }
    toChild.flush();
    long nanos = Long.reverseBytes(fromChild.readLong());
    byte[] labels = fromChild.readNBytes(4 * k * (to - from));
    ByteBuffer in = ByteBuffer.wrap(labels).order(ByteOrder.LITTLE_ENDIAN);
    for (int q = from; q < to; q++) {
      int[] ids = new int[k];
      int n = 0;
      for (int i = 0; i < k; i++) {
        int label = in.getInt();
        if (label >= 0) {
          ids[n++] = label;
        }
      }
      found[q - from] = n == k ? ids : Arrays.copyOf(ids, n);
    }
    return nanos;
  }

  @Override
  public long indexBytes() {
    return indexBytes;
  }

  @Override
  public int segments() {
    return 1;
  }

  @Override
  public void close() throws Exception {
    if (process == null) {
      return;
    }
    try {
      send(ints(0, 0, 0));
      toChild.close();
    } catch (IOException e) {
      // the child already ended; waitFor below reaps it
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private void send(ByteBuffer buffer) throws IOException {
    toChild.write(buffer.array(), 0, buffer.position());
  }

  private double readDouble() throws IOException {
    return Double.longBitsToDouble(Long.reverseBytes(fromChild.readLong()));
  }

  private static ByteBuffer ints(int... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    return b;
  }

  private static ByteBuffer floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b;
  }
}
