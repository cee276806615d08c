package dev.quarry.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.quarry.core.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarryEmbeddingModelTest {

  @Test
  void embedAllIsOneBatchedCallWithTheSameVectorsAsOneByOne() {
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      segments.add(TextSegment.from("segment number " + i + " " + "word ".repeat(i % 9)));
    }
    var response = TestModels.MINILM.embedAll(segments);
    List<Embedding> all = response.content();
    assertThat(all).hasSize(40);
    assertThat(response.tokenUsage().inputTokenCount()).isGreaterThan(40 * 3);
    List<String> texts = segments.stream().map(TextSegment::text).toList();
    List<float[]> direct = TestModels.MINILM.embedder().embed(texts, Role.PASSAGE).vectors();
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).vector()).hasSize(384).isEqualTo(direct.get(i));
    }
    // One text alone: close, not identical (the quantized model's activation ranges are per batch).
    float[] one = TestModels.MINILM.embed(segments.get(17)).content().vector();
    double dot = 0;
    for (int j = 0; j < one.length; j++) {
      dot += (double) one[j] * all.get(17).vector()[j];
    }
    assertThat(dot).isGreaterThan(0.98);
    assertThat(TestModels.MINILM.dimension()).isEqualTo(384);
    assertThat(TestModels.MINILM.modelName()).isEqualTo("all-minilm-l6-v2-q");
    assertThat(TestModels.MINILM.embedAll(List.of()).content()).isEmpty();
  }

  @Test
  void queryInputTypeUsesTheModelsQueryRole() {
    EmbeddingResponse asQuery =
        TestModels.MINILM.embed(
            EmbeddingRequest.builder()
                .input("what is a vector index?")
                .parameters(
                    EmbeddingRequestParameters.builder()
                        .inputType(EmbeddingInputType.QUERY)
                        .build())
                .build());
    float[] expected = TestModels.MINILM.embedder().embed("what is a vector index?", Role.QUERY);
    assertThat(asQuery.embeddings().get(0).vector()).isEqualTo(expected);
    assertThatThrownBy(
            () ->
                TestModels.MINILM.embed(
                    EmbeddingRequest.builder()
                        .input("x")
                        .parameters(EmbeddingRequestParameters.builder().dimensions(8).build())
                        .build()))
        .isInstanceOf(UnsupportedFeatureException.class);
  }
}
