package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bge is asymmetric: queries carry an instruction, passages do not. */
class BgeQueryPrefixTest {
  @Test
  void queriesGetTheInstructionAndPassagesDoNot() {
    try (OnnxEmbedder bge =
        OnnxEmbedder.open(
            ModelRepository.resolve("bge-small-en-v1.5-q"), EmbedderOptions.DEFAULTS)) {
      String text = "how do vector indexes work";
      float[] query = bge.embed(text, Role.QUERY);
      float[] passage = bge.embed(text, Role.PASSAGE);
      float[] explicit = bge.embed(BuiltinModel.BGE_QUERY_INSTRUCTION + text, Role.PASSAGE);
      assertThat(Vectors.dot(query, passage)).isLessThan(0.999f);
      assertThat(Vectors.dot(query, explicit)).isGreaterThan(0.9999f);
      assertThat(bge.identity().pooling()).isEqualTo("cls");
      assertThat(bge.maxTokens()).isEqualTo(512);
      assertThat(bge.embed(List.of(text), Role.QUERY).tokens()).isGreaterThan(12);
    }
  }
}
