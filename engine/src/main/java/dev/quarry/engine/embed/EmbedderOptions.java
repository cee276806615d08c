package dev.quarry.engine.embed;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/**
 * How an {@link OnnxEmbedder} runs.
 *
 * @param intraOpThreads ONNX Runtime threads per call; 0 means one per available core
 * @param batchSize most texts in one model call
 * @param maxBatchTokens most padded tokens (texts × longest) in one model call, bounding memory
 * @param dimensions output dimensions (Matryoshka truncation); 0 keeps the model's own
 * @param device {@code cpu}, or {@code cuda} when the ONNX Runtime GPU build is on the classpath
 */
public record EmbedderOptions(
    int intraOpThreads, int batchSize, int maxBatchTokens, int dimensions, String device) {

  public static final EmbedderOptions DEFAULTS = new EmbedderOptions(0, 32, 16_384, 0, "cpu");

  public EmbedderOptions {
    if (intraOpThreads < 0) {
      throw QuarryException.invalid("intraOpThreads must be >= 0 (0 = all cores)");
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
    return new EmbedderOptions(intraOpThreads, batchSize, maxBatchTokens, dims, device);
  }

  public EmbedderOptions withBatchSize(int size) {
    return new EmbedderOptions(intraOpThreads, size, maxBatchTokens, dimensions, device);
  }

  public EmbedderOptions withThreads(int threads) {
    return new EmbedderOptions(threads, batchSize, maxBatchTokens, dimensions, device);
  }

  public EmbedderOptions withDevice(String dev) {
    return new EmbedderOptions(intraOpThreads, batchSize, maxBatchTokens, dimensions, dev);
  }

  int threads() {
    return intraOpThreads == 0 ? Runtime.getRuntime().availableProcessors() : intraOpThreads;
  }
}
