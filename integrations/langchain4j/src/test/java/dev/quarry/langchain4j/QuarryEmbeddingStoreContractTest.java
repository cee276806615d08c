package dev.quarry.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreAddAllContract;
import dev.langchain4j.store.embedding.EmbeddingStoreRemoveAllContract;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own contract for stores with metadata filtering (and, through it, the plain store
 * contract), plus the add-all and remove-all contracts, run unchanged against QuarryEmbeddingStore.
 * JUnit makes one instance per test, so each test gets a fresh collection in its own folder: a
 * Quarry field keeps the value family of its first value for the life of the collection, and the
 * contract reuses key names with different types from one test to the next.
 */
class QuarryEmbeddingStoreContractTest extends EmbeddingStoreWithFilteringIT
    implements EmbeddingStoreAddAllContract, EmbeddingStoreRemoveAllContract {

  @TempDir Path dir;
  private QuarryEmbeddingStore store;

  @Override
  public EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = TestModels.store(dir.resolve("store"));
    }
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return TestModels.MINILM;
  }

  @Override
  protected boolean supportsContains() {
    return true;
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
