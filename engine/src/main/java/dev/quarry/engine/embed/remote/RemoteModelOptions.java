package dev.quarry.engine.embed.remote;

import dev.quarry.core.QuarryException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * A model embedded through an OpenAI-compatible {@code POST /v1/embeddings} endpoint (OpenAI,
 * Ollama, vLLM, Text Embeddings Inference, LM Studio, Quarry's own server). The API key is not
 * here: it comes from the environment ({@code QUARRY_EMBED_API_KEY}, else {@code OPENAI_API_KEY}).
 *
 * @param baseUrl the API's base, e.g. {@code https://api.openai.com/v1}; requests go to {@code
 *     baseUrl + "/embeddings"}
 * @param model the model name the endpoint knows, e.g. {@code text-embedding-3-small}
 * @param dimensions the vectors' length; 0 asks the endpoint once (a probe call) when opened
 * @param batchSize most texts in one request
 * @param concurrency most requests in flight at once, over all callers of one embedder
 * @param maxTokens the model's input limit, used to cut documents into chunks (estimated tokens)
 * @param queryPrefix prepended to texts embedded as queries (e.g. {@code "query: "} for e5)
 * @param passagePrefix prepended to texts embedded as passages (e.g. {@code "passage: "})
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for one whole response; a slower one is retried
 * @param retry when failed requests are tried again
 */
public record RemoteModelOptions(
    URI baseUrl,
    String model,
    int dimensions,
    int batchSize,
    int concurrency,
    int maxTokens,
    String queryPrefix,
    String passagePrefix,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry) {

  public RemoteModelOptions {
    String scheme = baseUrl == null ? null : baseUrl.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || baseUrl.getHost() == null) {
      throw QuarryException.invalid(
          "embedding URL '"
              + baseUrl
              + "' is not an http(s) URL: give the API's base, e.g. http://127.0.0.1:8080/v1");
    }
    if (model == null || model.isBlank()) {
      throw QuarryException.invalid("give the remote model's name (--embed-model NAME)");
    }
    positive("embedding batch size", batchSize);
    positive("embedding concurrency", concurrency);
    if (maxTokens < 8) {
      throw QuarryException.invalid("remote model max tokens must be >= 8, got " + maxTokens);
    }
    if (dimensions < 0) {
      throw QuarryException.invalid(
          "remote model dimensions must be >= 0 (0 = ask the endpoint), got " + dimensions);
    }
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw QuarryException.invalid("embedding timeouts must be positive");
    }
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    baseUrl = URI.create(base);
  }

  /** Defaults for {@code model} at {@code baseUrl}: batches of 64, 4 requests at once, 60 s. */
  public static RemoteModelOptions of(String baseUrl, String model) {
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw QuarryException.invalid(
          "embedding URL '" + baseUrl + "' is not a URL: e.g. http://127.0.0.1:8080/v1");
    }
    return new RemoteModelOptions(
        uri,
        model,
        0,
        64,
        4,
        512,
        "",
        "",
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        RetryPolicy.DEFAULTS);
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw QuarryException.invalid(what + " must be >= 1, got " + value);
    }
  }

  /** The endpoint's host, recorded in collections (lower case; never the path or a key). */
  public String host() {
    return baseUrl.getHost().toLowerCase(Locale.ROOT);
  }

  /** {@code POST} target. */
  URI endpoint() {
    return URI.create(baseUrl + "/embeddings");
  }

  public RemoteModelOptions withDimensions(int value) {
    return new RemoteModelOptions(
        baseUrl,
        model,
        value,
        batchSize,
        concurrency,
        maxTokens,
        queryPrefix,
        passagePrefix,
        connectTimeout,
        requestTimeout,
        retry);
  }

  public RemoteModelOptions withBatching(int size, int inFlight) {
    return new RemoteModelOptions(
        baseUrl,
        model,
        dimensions,
        size,
        inFlight,
        maxTokens,
        queryPrefix,
        passagePrefix,
        connectTimeout,
        requestTimeout,
        retry);
  }

  public RemoteModelOptions withMaxTokens(int value) {
    return new RemoteModelOptions(
        baseUrl,
        model,
        dimensions,
        batchSize,
        concurrency,
        value,
        queryPrefix,
        passagePrefix,
        connectTimeout,
        requestTimeout,
        retry);
  }

  public RemoteModelOptions withPrefixes(String query, String passage) {
    return new RemoteModelOptions(
        baseUrl,
        model,
        dimensions,
        batchSize,
        concurrency,
        maxTokens,
        query,
        passage,
        connectTimeout,
        requestTimeout,
        retry);
  }

  public RemoteModelOptions withTimeouts(Duration connect, Duration request) {
    return new RemoteModelOptions(
        baseUrl,
        model,
        dimensions,
        batchSize,
        concurrency,
        maxTokens,
        queryPrefix,
        passagePrefix,
        connect,
        request,
        retry);
  }

  public RemoteModelOptions withRetry(RetryPolicy value) {
    return new RemoteModelOptions(
        baseUrl,
        model,
        dimensions,
        batchSize,
        concurrency,
        maxTokens,
        queryPrefix,
        passagePrefix,
        connectTimeout,
        requestTimeout,
        value);
  }
}
