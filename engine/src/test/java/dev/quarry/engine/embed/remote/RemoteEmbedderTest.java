package dev.quarry.engine.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remote embedder against the loopback endpoint: batching, checks, errors and retries. */
class RemoteEmbedderTest {
  static final int DIMS = 24;
  private static final ApiKey NO_KEY = ApiKey.from(name -> null);

  private FaultyEmbeddingsEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new FaultyEmbeddingsEndpoint(VectorSource.hashing(DIMS), 1, 0);
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
  }

  private RemoteModelOptions options() {
    return RemoteModelOptions.of(endpoint.baseUrl(), "hash-model")
        .withRetry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)));
  }

  private static List<String> texts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("text number " + i);
    }
    return out;
  }

  @Test
  void batchesRunConcurrentlyWithinTheCapAndKeepInputOrder() {
    try (RemoteEmbedder e = RemoteEmbedder.open(options().withBatching(7, 3), NO_KEY)) {
      assertThat(e.dimensions()).isEqualTo(DIMS); // from the probe
      int probe = endpoint.requests();
      List<String> texts = texts(100);
      List<float[]> vectors = e.embed(texts, Role.PASSAGE).vectors();
      assertThat(endpoint.requests() - probe).isEqualTo(15); // ceil(100 / 7)
      assertThat(endpoint.maxInFlight()).isBetween(1, 3);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(vectors.get(i))
            .containsExactly(VectorSource.hashVector(texts.get(i), DIMS), within(1e-6f));
      }
    }
  }

  @Test
  void configuredDimensionsNeedNoProbeAndRolesGetTheirPrefixes() {
    RemoteModelOptions o = options().withDimensions(DIMS).withPrefixes("query: ", "passage: ");
    try (RemoteEmbedder e = RemoteEmbedder.open(o, NO_KEY)) {
      assertThat(endpoint.requests()).isZero();
      e.embed("a question", Role.QUERY);
      e.embed(List.of("a document"), Role.PASSAGE);
      assertThat(endpoint.inputs()).containsExactly("query: a question", "passage: a document");
      assertThat(e.identity().isRemote()).isTrue();
      assertThat(e.identity().weightsSha256())
          .matches("remote:127\\.0\\.0\\.1\\+prefixes:[0-9a-f]{12}");
    }
  }

  @Test
  void wrongDimensionsOrCountFailInOneLine() {
    try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(DIMS + 1), NO_KEY)) {
      assertThatThrownBy(() -> e.embed(texts(3), Role.PASSAGE))
          .isInstanceOf(QuarryException.class)
          .hasMessage(
              "the embedding endpoint at 127.0.0.1 returned a 24-dimensional vector for model"
                  + " hash-model, expected 25: check the model name and the dimensions");
    }
    endpoint.answer(
        new FaultyEmbeddingsEndpoint.Answer(
            200, "{\"data\": [{\"index\": 0, \"embedding\": [1.0, 0.0]}]}", null));
    int before = endpoint.requests();
    try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(2), NO_KEY)) {
      assertThatThrownBy(() -> e.embed(texts(2), Role.PASSAGE))
          .hasMessage("the embedding endpoint returned 1 vectors for 2 texts");
      assertThat(endpoint.requests() - before).isEqualTo(1); // not retried
    }
  }

  @Test
  void aMissingOrWrongKeyNamesTheVariableButNeverTheKey() {
    endpoint.requireKey("sk-right");
    assertThatThrownBy(() -> RemoteEmbedder.open(options(), NO_KEY))
        .isInstanceOf(QuarryException.class)
        .hasMessage(
            "the embedding endpoint at 127.0.0.1 needs an API key (HTTP 401): set"
                + " QUARRY_EMBED_API_KEY (or OPENAI_API_KEY)");
    ApiKey wrong = ApiKey.from(Map.of("OPENAI_API_KEY", "sk-wrong-secret")::get);
    assertThatThrownBy(() -> RemoteEmbedder.open(options(), wrong))
        .hasMessage(
            "the embedding endpoint at 127.0.0.1 refused the API key in OPENAI_API_KEY (HTTP 401):"
                + " check that variable")
        .message()
        .doesNotContain("sk-wrong");
    assertThat(wrong.toString()).doesNotContain("sk-wrong");
    ApiKey right =
        ApiKey.from(Map.of("QUARRY_EMBED_API_KEY", "sk-right", "OPENAI_API_KEY", "x")::get);
    try (RemoteEmbedder e = RemoteEmbedder.open(options(), right)) {
      assertThat(e.dimensions()).isEqualTo(DIMS);
    }
  }

  @Test
  void otherClientErrorsCarryTheEndpointsMessage() {
    endpoint.answer(
        new FaultyEmbeddingsEndpoint.Answer(
            400,
            "{\"error\": {\"message\": \"This model's maximum context length is 8192 tokens\"}}",
            null));
    assertThatThrownBy(() -> RemoteEmbedder.open(options(), NO_KEY))
        .hasMessage(
            "the embedding endpoint at 127.0.0.1 rejected the request (HTTP 400): This model's"
                + " maximum context length is 8192 tokens");
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void exhaustedRetriesNameTheLastStatus() {
    endpoint.answer(new FaultyEmbeddingsEndpoint.Answer(503, "overloaded", null));
    assertThatThrownBy(() -> RemoteEmbedder.open(options(), NO_KEY))
        .hasMessage(
            "the embedding endpoint at 127.0.0.1 still fails after 4 attempts (last: HTTP"
                + " 503: overloaded); try again when it answers");
    assertThat(endpoint.requests()).isEqualTo(4);
  }

  @Test
  void anEndpointThatIsNotThereIsNamed() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    RemoteModelOptions o =
        RemoteModelOptions.of("http://127.0.0.1:" + port + "/v1", "m")
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)));
    assertThatThrownBy(() -> RemoteEmbedder.open(o, NO_KEY))
        .hasMessage(
            "the embedding endpoint at 127.0.0.1 still fails after 2 attempts (last: cannot"
                + " connect to 127.0.0.1:"
                + port
                + "); try again when it answers");
  }

  @Test
  void retryAfterIsHonouredAndALongerOneThanTheLimitEndsAtOnce() throws Exception {
    endpoint.answerOnce(new FaultyEmbeddingsEndpoint.Answer(429, "slow down", "1"));
    RetryPolicy patient = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(2));
    long start = System.nanoTime();
    try (RemoteEmbedder e = RemoteEmbedder.open(options().withRetry(patient), NO_KEY)) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(990));
      assertThat(e.dimensions()).isEqualTo(DIMS);
    }
    endpoint.answer(new FaultyEmbeddingsEndpoint.Answer(429, "slow down", "3600"));
    assertThatThrownBy(() -> RemoteEmbedder.open(options().withRetry(patient), NO_KEY))
        .hasMessage(
            "the embedding endpoint at 127.0.0.1 asks to wait 3600 s (Retry-After), longer than"
                + " the 2 s retry limit: try again later");
  }

  @Test
  void everyFaultKindIsRetriedUntilTheAnswerIsWhole() throws Exception {
    try (FaultyEmbeddingsEndpoint faulty =
            new FaultyEmbeddingsEndpoint(VectorSource.hashing(DIMS), 7, 2000);
        RemoteEmbedder e =
            RemoteEmbedder.open(
                RemoteModelOptions.of(faulty.baseUrl(), "m")
                    .withDimensions(DIMS)
                    .withBatching(4, 4)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1000))
                    .withRetry(new RetryPolicy(30, Duration.ofMillis(1), Duration.ofMillis(10))),
                NO_KEY)) {
      faulty.faultRate(0.6);
      List<String> texts = texts(80);
      List<float[]> vectors = e.embed(texts, Role.PASSAGE).vectors();
      for (int i = 0; i < texts.size(); i++) {
        assertThat(vectors.get(i))
            .containsExactly(VectorSource.hashVector(texts.get(i), DIMS), within(1e-6f));
      }
      for (FaultyEmbeddingsEndpoint.Fault f : FaultyEmbeddingsEndpoint.Fault.values()) {
        assertThat(faulty.faults(f)).as(f.name()).isPositive();
      }
    }
  }

  @Test
  void retryDelaysGrowWithJitterAndRespectRetryAfter() {
    RetryPolicy p = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(1));
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      assertThat(p.delay(1, Optional.empty(), r).orElseThrow().toMillis()).isBetween(50L, 100L);
      assertThat(p.delay(3, Optional.empty(), r).orElseThrow().toMillis()).isBetween(200L, 400L);
      assertThat(p.delay(20, Optional.empty(), r).orElseThrow().toMillis()).isBetween(500L, 1000L);
    }
    assertThat(p.delay(1, Optional.of(Duration.ofMillis(700)), r)).contains(Duration.ofMillis(700));
    assertThat(p.delay(1, Optional.of(Duration.ofSeconds(2)), r)).isEmpty();
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    java.time.Instant now = java.time.Instant.parse("2026-01-02T03:04:05Z");
    assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Fri, 02 Jan 2026 03:04:35 GMT", now))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Fri, 02 Jan 2026 03:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
  }

  @Test
  void tokenEstimateIsNotBelowWordPieces() {
    TokenEstimate t = new TokenEstimate();
    assertThat(t.countTokens("")).isZero();
    assertThat(t.countTokens("The cat sat.")).isEqualTo(4);
    assertThat(t.countTokens("internationalization")).isEqualTo(5);
    assertThat(t.countTokens("in 2024, 12345")).isEqualTo(6);
    assertThat(t.countTokens("東京タワー")).isEqualTo(3);
  }
}
