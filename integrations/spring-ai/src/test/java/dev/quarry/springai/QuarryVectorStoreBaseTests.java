package dev.quarry.springai;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's shared vector store tests, every one inherited as is, against a fresh collection. */
class QuarryVectorStoreBaseTests extends BaseVectorStoreTests {
  @TempDir Path dir;

  @Override
  protected void executeTest(Consumer<VectorStore> testFunction) {
    try (QuarryVectorStore store = QuarryVectorStore.builder(dir.resolve("store")).build()) {
      testFunction.accept(store);
    }
  }
}
