package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.Embeddings;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Properties of the real default model (all-MiniLM-L6-v2, fp32), loaded once. */
class OnnxEmbedderTest {
  private static OnnxEmbedder minilm;

  @BeforeAll
  static void load() {
    minilm =
        OnnxEmbedder.open(ModelRepository.resolve("all-minilm-l6-v2"), EmbedderOptions.DEFAULTS);
  }

  @AfterAll
  static void close() {
    minilm.close();
  }

  @Test
  void everyVectorHasUnitNorm() {
    List<String> texts =
        List.of(
            "",
            "a",
            "Ünïcødé text, emoji 🚀 and 中文",
            "The quick brown fox jumps over the lazy dog.");
    Embeddings out = minilm.embed(texts, Role.PASSAGE);
    assertThat(out.size()).isEqualTo(texts.size());
    for (float[] v : out.vectors()) {
      assertThat(v).hasSize(384);
      assertThat(Vectors.norm(v)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void textAloneEqualsSameTextInsidePaddedBatch() {
    String shortText = "A girl is styling her hair.";
    String longText =
        "A considerably longer sentence, padded to by the short one, about the history of"
            + " vector search engines, approximate nearest neighbours and graph indexes.";
    float[] alone = minilm.embed(shortText, Role.PASSAGE);
    // One call holding both: the short text is padded to the long one's length.
    Embeddings batch = minilm.embed(List.of(longText, shortText, longText), Role.PASSAGE);
    float[] inBatch = batch.get(1);
    for (int i = 0; i < alone.length; i++) {
      assertThat(inBatch[i]).as("component %d", i).isCloseTo(alone[i], within(1e-5f));
    }
  }

  @Test
  void outputFollowsInputOrderAcrossLengthBuckets() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      texts.add("word ".repeat(1 + (i * 37) % 50) + i);
    }
    EmbedderOptions small = EmbedderOptions.DEFAULTS.withBatchSize(8);
    try (OnnxEmbedder batched =
        OnnxEmbedder.open(ModelRepository.resolve("all-minilm-l6-v2"), small)) {
      Embeddings all = batched.embed(texts, Role.PASSAGE);
      for (int i : new int[] {0, 13, 42, 69}) {
        float[] single = minilm.embed(texts.get(i), Role.PASSAGE);
        assertThat(Vectors.dot(all.get(i), single)).isCloseTo(1f, within(1e-5f));
      }
    }
  }

  @Test
  void similarSentencesScoreAboveUnrelatedOnes() {
    Embeddings e =
        minilm.embed(
            List.of(
                "The cat sat on the mat",
                "A feline rested on the rug",
                "French cooking techniques"),
            Role.PASSAGE);
    float related = Vectors.dot(e.get(0), e.get(1));
    float unrelated = Vectors.dot(e.get(0), e.get(2));
    assertThat(related).isGreaterThan(0.4f);
    assertThat(related).isGreaterThan(unrelated + 0.3f);
  }

  @Test
  void longTextsAreTruncatedToMaxTokensAndCounted() {
    String longText = "semantic search ".repeat(400);
    Embeddings e = minilm.embed(List.of(longText, "short"), Role.PASSAGE);
    assertThat(e.truncated()).isEqualTo(1);
    assertThat(e.tokens()).isEqualTo(256 + 3); // 256 kept + [CLS] short [SEP]
    assertThat(Vectors.norm(e.get(0))).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void matryoshkaTruncationKeepsPrefixAndRenormalizes() {
    String text = "Matryoshka dolls nest inside each other";
    float[] full = minilm.embed(text, Role.PASSAGE);
    try (OnnxEmbedder cut =
        OnnxEmbedder.open(
            ModelRepository.resolve("all-minilm-l6-v2"),
            EmbedderOptions.DEFAULTS.withDimensions(128))) {
      float[] small = cut.embed(text, Role.PASSAGE);
      assertThat(small).hasSize(128);
      assertThat(cut.identity().dimensions()).isEqualTo(128);
      assertThat(Vectors.norm(small)).isCloseTo(1.0, within(1e-5));
      float[] expected = Vectors.truncate(full, 128);
      for (int i = 0; i < 128; i++) {
        assertThat(small[i]).isCloseTo(expected[i], within(1e-5f));
      }
    }
  }

  @Test
  void symmetricModelIgnoresRoleAndIdentityNamesTheWeights() {
    float[] q = minilm.embed("vector databases", Role.QUERY);
    float[] p = minilm.embed("vector databases", Role.PASSAGE);
    assertThat(q).containsExactly(p);
    assertThat(minilm.identity().weightsSha256())
        .isEqualTo(BuiltinModel.ALL_MINILM_L6_V2.weightsSha256());
    assertThat(minilm.identity().pooling()).isEqualTo("mean");
  }

  @Test
  void emptyBatchGivesEmptyResult() {
    assertThat(minilm.embed(List.of(), Role.PASSAGE).size()).isZero();
  }
}
