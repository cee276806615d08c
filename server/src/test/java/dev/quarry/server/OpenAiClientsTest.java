package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.engine.embed.TextEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 1: OpenAI's official Java SDK and LangChain4j's OpenAiEmbeddingModel, unmodified and
 * pointed at the server, get the vectors the model gives in process (cosine ≥ 0.9999), through the
 * API key a non-loopback server would need.
 */
class OpenAiClientsTest {
  private static final String KEY = "test-key-5f1c";
  private static final List<String> TEXTS =
      List.of(
          "Lucene builds HNSW graphs for vector search.",
          "Sourdough needs a lively starter.",
          "naïve café — “quotes”, emoji 🚀 and 中文");

  @TempDir static Path root;
  static LiveServer live;

  @BeforeAll
  static void start() {
    live = LiveServer.start(root, ServerOptions.local(0).withApiKey(KEY));
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  /**
   * The texts embedded in process as one batch, as the server embeds a request: the quantized
   * model's activations are quantized per batch, so the same text in another batch differs a little
   * (cosine about 0.993), which is the model's doing, not the server's.
   */
  private static List<float[]> inProcess(List<String> texts, int dimensions) {
    TextEmbedder embedder = live.notes().embedder();
    return embedder.embed(texts, Role.PASSAGE).vectors().stream()
        .map(v -> Vectors.truncate(v, dimensions))
        .toList();
  }

  private static float[] inProcess(String text, int dimensions) {
    return inProcess(List.of(text), dimensions).get(0);
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static float[] floats(List<? extends Number> v) {
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i).floatValue();
    }
    return out;
  }

  @Test
  void openAiJavaSdkGetsTheInProcessVectors() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder().apiKey(KEY).baseUrl(live.base() + "/v1").build();
    try {
      CreateEmbeddingResponse r =
          client
              .embeddings()
              .create(
                  EmbeddingCreateParams.builder()
                      .model(LiveServer.MODEL)
                      .inputOfArrayOfStrings(TEXTS)
                      .build());
      assertThat(r.data()).hasSize(TEXTS.size());
      List<float[]> expected = inProcess(TEXTS, 384);
      double worst = 1;
      for (int i = 0; i < TEXTS.size(); i++) {
        float[] served = floats(r.data().get(i).embedding());
        assertThat(served).hasSize(384);
        worst = Math.min(worst, cosine(served, expected.get(i)));
      }
      System.out.printf("openai-java: lowest cosine to in-process %.6f%n", worst);
      assertThat(worst).isGreaterThanOrEqualTo(0.9999);
      assertThat(r.usage().promptTokens()).isPositive();
      assertThat(r.model()).isEqualTo(LiveServer.MODEL);

      // Matryoshka truncation through the SDK's own parameter.
      CreateEmbeddingResponse small =
          client
              .embeddings()
              .create(
                  EmbeddingCreateParams.builder()
                      .model(LiveServer.MODEL)
                      .input(TEXTS.get(0))
                      .dimensions(64)
                      .build());
      float[] v = floats(small.data().get(0).embedding());
      assertThat(v).hasSize(64);
      assertThat(cosine(v, inProcess(TEXTS.get(0), 64))).isGreaterThanOrEqualTo(0.9999);

      // The SDK's base64 form decodes to the same vector.
      CreateEmbeddingResponse b64 =
          client
              .embeddings()
              .create(
                  EmbeddingCreateParams.builder()
                      .model(LiveServer.MODEL)
                      .input(TEXTS.get(1))
                      .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                      .build());
      assertThat(cosine(floats(b64.data().get(0).embedding()), inProcess(TEXTS.get(1), 384)))
          .isGreaterThanOrEqualTo(0.9999);

      // An unknown model is the SDK's own NotFoundException, read from our error shape.
      assertThatThrownBy(
              () ->
                  client
                      .embeddings()
                      .create(
                          EmbeddingCreateParams.builder()
                              .model("no-such-model")
                              .input("x")
                              .build()))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("GET /v1/models");
    } finally {
      client.close();
    }
  }

  @Test
  void langChain4jOpenAiEmbeddingModelGetsTheInProcessVectors() {
    OpenAiEmbeddingModel model =
        OpenAiEmbeddingModel.builder()
            .baseUrl(live.base() + "/v1")
            .apiKey(KEY)
            .modelName(LiveServer.MODEL)
            .build();
    List<Embedding> all = model.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();
    List<float[]> expected = inProcess(TEXTS, 384);
    double worst = 1;
    for (int i = 0; i < TEXTS.size(); i++) {
      worst = Math.min(worst, cosine(all.get(i).vector(), expected.get(i)));
    }
    System.out.printf("langchain4j-open-ai: lowest cosine to in-process %.6f%n", worst);
    assertThat(worst).isGreaterThanOrEqualTo(0.9999);

    OpenAiEmbeddingModel truncated =
        OpenAiEmbeddingModel.builder()
            .baseUrl(live.base() + "/v1")
            .apiKey(KEY)
            .modelName(LiveServer.MODEL)
            .dimensions(128)
            .build();
    float[] v = truncated.embed(TEXTS.get(2)).content().vector();
    assertThat(v).hasSize(128);
    assertThat(cosine(v, inProcess(TEXTS.get(2), 128))).isGreaterThanOrEqualTo(0.9999);
  }

  @Test
  void aClientWithTheWrongKeyIsRefused() {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .apiKey("wrong")
            .baseUrl(live.base() + "/v1")
            .maxRetries(0)
            .build();
    try {
      assertThatThrownBy(
              () ->
                  client
                      .embeddings()
                      .create(
                          EmbeddingCreateParams.builder()
                              .model(LiveServer.MODEL)
                              .input("x")
                              .build()))
          .isInstanceOf(com.openai.errors.UnauthorizedException.class);
    } finally {
      client.close();
    }
  }
}
