package dev.quarry.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

class QuarryEmbeddingModelTest {
  @TempDir Path dir;

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void embedsUnitVectorsInOrderWithUsage() {
    try (QuarryEmbeddingModel model = QuarryEmbeddingModel.open("all-minilm-l6-v2")) {
      assertThat(model.dimensions()).isEqualTo(384);
      assertThat(model.modelName()).isEqualTo("all-minilm-l6-v2");
      List<String> texts = List.of("Sourdough bread needs a starter.", "HNSW is a graph index.");
      EmbeddingResponse response = model.call(new EmbeddingRequest(texts, null));
      assertThat(response.getResults()).hasSize(2);
      assertThat(response.getResults().get(1).getIndex()).isEqualTo(1);
      assertThat(response.getMetadata().getModel()).isEqualTo("all-minilm-l6-v2");
      assertThat(response.getMetadata().getUsage().getPromptTokens()).isGreaterThan(10);
      for (int i = 0; i < texts.size(); i++) {
        float[] v = response.getResults().get(i).getOutput();
        assertThat(dot(v, v)).isCloseTo(1, within(1e-4));
        assertThat(model.embed(texts.get(i))).containsExactly(v);
        assertThat(model.embed(new Document(texts.get(i)))).containsExactly(v);
      }
      // MiniLM is symmetric: a query is embedded like a passage.
      assertThat(model.embedQuery(texts.get(0)))
          .containsExactly(response.getResults().get(0).getOutput());
      // The store's view of the same model gives the same vectors.
      try (QuarryVectorStore store = QuarryVectorStore.builder(dir).build()) {
        assertThat(store.getEmbeddingModel().embed(texts.get(1)))
            .containsExactly(response.getResults().get(1).getOutput());
      }
    }
  }

  @Test
  void bgeQueriesCarryTheRetrievalInstruction() {
    try (QuarryEmbeddingModel model = QuarryEmbeddingModel.open("bge-small-en-v1.5-q")) {
      String text = "how do vector indexes work?";
      assertThat(dot(model.embedQuery(text), model.embed(text))).isLessThan(0.999);
    }
  }
}
