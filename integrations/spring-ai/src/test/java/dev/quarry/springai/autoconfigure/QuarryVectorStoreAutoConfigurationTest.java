package dev.quarry.springai.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.index.VectorEncoding;
import dev.quarry.springai.QuarryVectorStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class QuarryVectorStoreAutoConfigurationTest {
  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(QuarryVectorStoreAutoConfiguration.class));

  @Test
  void aConfiguredPathGivesAStoreThatTheContextClosesAndTheNextOneReopens() {
    String path = "spring.ai.vectorstore.quarry.path=" + dir.resolve("index");
    runner
        .withPropertyValues(path, "spring.ai.vectorstore.quarry.encoding=int8")
        .run(
            context -> {
              VectorStore store = context.getBean(VectorStore.class);
              assertThat(store).isInstanceOf(QuarryVectorStore.class);
              store.add(List.of(new Document("a", "vector search with graphs", Map.of("n", 1))));
            });
    // The first context closed the store (releasing the folder's lock), so this one can open it.
    runner
        .withPropertyValues(path)
        .run(
            context -> {
              QuarryVectorStore store = context.getBean(QuarryVectorStore.class);
              assertThat(store.similaritySearch(SearchRequest.builder().query("graphs").build()))
                  .extracting(Document::getId)
                  .containsExactly("a");
              Quarry quarry = (Quarry) store.getNativeClient().orElseThrow();
              assertThat(quarry.collection().config().encoding()).isEqualTo(VectorEncoding.INT8);
            });
  }

  @Test
  void noPathOrAnotherStoreTypeGivesNoStore() {
    runner.run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
    runner
        .withPropertyValues(
            "spring.ai.vectorstore.quarry.path=" + dir, "spring.ai.vectorstore.type=pgvector")
        .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
  }

  @Test
  void aWrongModelFailsTheContextWithQuarrysMessage() {
    runner
        .withPropertyValues(
            "spring.ai.vectorstore.quarry.path=" + dir, "spring.ai.vectorstore.quarry.model=nope")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("nope"));
  }
}
