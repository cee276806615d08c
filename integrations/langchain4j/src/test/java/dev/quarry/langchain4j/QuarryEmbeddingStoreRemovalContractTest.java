package dev.quarry.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** LangChain4j's removal contract (by id, ids, filter, all), unchanged, on a fresh collection. */
class QuarryEmbeddingStoreRemovalContractTest extends EmbeddingStoreWithRemovalIT {

  @TempDir Path dir;
  private QuarryEmbeddingStore store;

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = TestModels.store(dir.resolve("store"));
    }
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return TestModels.MINILM;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
