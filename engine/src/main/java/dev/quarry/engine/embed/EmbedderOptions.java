package dev.quarry.engine.embed;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/**
 * How an {@link OnnxEmbedder} runs.
 *
 * @param intraOpThreads ONNX Runtime threads inside one model call; 0 picks automatically
 * @param workers model calls run at once on one shared session; 0 picks automatically
 * @param batchSize most texts in one model call
 * @param maxBatchTokens most padded tokens (texts × longest) in one model call: small calls keep
 *     the activations in the CPU caches (docs/decisions/0002-embedding-parallelism.md)
 * @param dimensions output dimensions (Matryoshka truncation); 0 keeps the model's own
 * @param device {@code cpu}, or {@code cuda} when the ONNX Runtime GPU build is on the classpath
 */
public record EmbedderOptions(
    int intraOpThreads,
    int workers,
    int batchSize,
    int maxBatchTokens,
    int dimensions,
    String device) {

  public static final EmbedderOptions DEFAULTS = new EmbedderOptions(0, 0, 32, 512, 0, "cpu");

  public EmbedderOptions {
    if (intraOpThreads < 0) {
      throw QuarryException.invalid("intraOpThreads must be >= 0 (0 = automatic)");
    }
    if (workers < 0) {
      throw QuarryException.invalid("workers must be >= 0 (0 = automatic)");
    }
    if (batchSize < 1) {
      throw QuarryException.invalid("batchSize must be >= 1, got " + batchSize);
    }
    if (maxBatchTokens < 1) {
      throw QuarryException.invalid("maxBatchTokens must be >= 1, got " + maxBatchTokens);
    }
    if (dimensions < 0) {
      throw QuarryException.invalid(
          "dimensions must be >= 0 (0 = the model's own), got " + dimensions);
    }
    device = device == null ? "cpu" : device.toLowerCase(Locale.ROOT);
    if (!device.equals("cpu") && !device.equals("cuda")) {
      throw QuarryException.invalid("unknown device '" + device + "': use cpu or cuda");
    }
  }

  public EmbedderOptions withDimensions(int dims) {
    return new EmbedderOptions(intraOpThreads, workers, batchSize, maxBatchTokens, dims, device);
  }

  public EmbedderOptions withBatchSize(int size) {
    return new EmbedderOptions(intraOpThreads, workers, size, maxBatchTokens, dimensions, device);
  }

  public EmbedderOptions withThreads(int threads) {
    return new EmbedderOptions(threads, workers, batchSize, maxBatchTokens, dimensions, device);
  }

  public EmbedderOptions withDevice(String dev) {
    return new EmbedderOptions(intraOpThreads, workers, batchSize, maxBatchTokens, dimensions, dev);
  }

  public EmbedderOptions withWorkers(int count) {
    return new EmbedderOptions(
        intraOpThreads, count, batchSize, maxBatchTokens, dimensions, device);
  }

  /**
   * Concurrent model calls. Automatic: one per core, because several single-threaded calls on
   * separate batches scale better than one call split across threads (measured in
   * docs/decisions/0002-embedding-parallelism.md).
   */
  int effectiveWorkers() {
    return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
  }

  /** Threads inside one call. Automatic: the cores left over per worker, at least one. */
  int effectiveIntraOpThreads() {
    return intraOpThreads == 0
        ? Math.max(1, Runtime.getRuntime().availableProcessors() / effectiveWorkers())
        : intraOpThreads;
  }
}
