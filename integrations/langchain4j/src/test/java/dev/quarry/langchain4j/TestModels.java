package dev.quarry.langchain4j;

/**
 * One embedding model for the whole test run: the quantized built-in MiniLM, opened once (loading
 * an ONNX session per test would dominate the suite's time). Closed by the JVM's exit.
 */
final class TestModels {
  static final QuarryEmbeddingModel MINILM =
      QuarryEmbeddingModel.builder().model("all-minilm-l6-v2-q").build();

  private TestModels() {}

  /** A store in {@code dir} over the shared model. */
  static QuarryEmbeddingStore store(java.nio.file.Path dir) {
    return QuarryEmbeddingStore.builder().path(dir).embeddingModel(MINILM).build();
  }
}
