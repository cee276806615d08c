package dev.quarry.engine.embed.remote;

import dev.quarry.core.Embeddings;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.engine.embed.TextEmbedder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Embeds through an OpenAI-compatible {@code /embeddings} endpoint (docs/models.md, "Remote
 * embedders"): texts go in batches of {@link RemoteModelOptions#batchSize()}, the batches of one
 * call concurrently on virtual threads, at most {@link RemoteModelOptions#concurrency()} requests
 * in flight over all callers; transient failures are retried ({@link RetryPolicy}). Every answer is
 * checked (count, dimensions, finite numbers) and normalized to unit length.
 *
 * <p>Thread-safe. Nothing is sent before {@link #open}: it is only built when a remote model is
 * configured.
 */
public final class RemoteEmbedder implements TextEmbedder {
  private static final String PROBE_TEXT = "dimension probe";

  private final RemoteModelOptions options;
  private final EmbeddingsClient client;
  private final RetryingCaller caller;
  private final ModelIdentity identity;
  private final TokenEstimate tokens = new TokenEstimate();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RemoteEmbedder(
      RemoteModelOptions options, EmbeddingsClient client, RetryingCaller caller, int dimensions) {
    this.options = options.withDimensions(dimensions);
    this.client = client;
    this.caller = caller;
    this.identity =
        ModelIdentity.remote(options.model(), options.host(), prefixesHash(options), dimensions);
  }

  /**
   * Connects to the endpoint with the key from the environment; with {@code dimensions} 0, one
   * probe request finds the vectors' length.
   */
  public static RemoteEmbedder open(RemoteModelOptions options) {
    return open(options, ApiKey.fromEnvironment());
  }

  static RemoteEmbedder open(RemoteModelOptions options, ApiKey key) {
    EmbeddingsClient client = new EmbeddingsClient(options, key);
    try {
      RetryingCaller caller = new RetryingCaller(client, options);
      int dimensions =
          options.dimensions() > 0
              ? options.dimensions()
              : caller.call(List.of(options.passagePrefix() + PROBE_TEXT)).vectors()[0].length;
      if (dimensions == 0) {
        throw QuarryException.invalid(
            "the embedding endpoint at " + options.host() + " returned an empty vector");
      }
      return new RemoteEmbedder(options, client, caller, dimensions);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** What this embedder was opened with, dimensions filled in. */
  public RemoteModelOptions options() {
    return options;
  }

  @Override
  public ModelIdentity identity() {
    return identity;
  }

  @Override
  public int maxTokens() {
    return options.maxTokens();
  }

  /** An estimate: Quarry does not have the remote model's tokenizer. */
  @Override
  public int countTokens(String text) {
    return tokens.countTokens(text);
  }

  @Override
  public Embeddings embed(List<String> texts, Role role) {
    if (closed.get()) {
      throw new QuarryException(QuarryException.Kind.RUNTIME, "remote embedder is closed");
    }
    if (texts.isEmpty()) {
      return new Embeddings(List.of(), 0, 0);
    }
    String prefix = role == Role.QUERY ? options.queryPrefix() : options.passagePrefix();
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += options.batchSize()) {
      List<String> batch = new ArrayList<>();
      for (String text : texts.subList(from, Math.min(texts.size(), from + options.batchSize()))) {
        if (text == null) {
          throw QuarryException.invalid("text " + (from + batch.size()) + " of the batch is null");
        }
        batch.add(prefix + text);
      }
      batches.add(batch);
    }
    List<EmbeddingsClient.Answer> answers =
        batches.size() == 1 ? List.of(caller.call(batches.get(0))) : concurrently(batches);
    List<float[]> vectors = new ArrayList<>(texts.size());
    long promptTokens = 0;
    for (int b = 0; b < answers.size(); b++) {
      EmbeddingsClient.Answer answer = answers.get(b);
      for (float[] v : answer.vectors()) {
        vectors.add(checked(v));
      }
      promptTokens +=
          answer.promptTokens() >= 0
              ? answer.promptTokens()
              : batches.get(b).stream().mapToLong(tokens::countTokens).sum();
    }
    // Whether the endpoint cut a text is not in OpenAI's answer: none is counted as truncated.
    return new Embeddings(vectors, promptTokens, 0);
  }

  /** The batches' answers, in order; the first failure cancels the rest. */
  private List<EmbeddingsClient.Answer> concurrently(List<List<String>> batches) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<EmbeddingsClient.Answer>> futures = new ArrayList<>();
      for (List<String> batch : batches) {
        futures.add(threads.submit(() -> caller.call(batch)));
      }
      List<EmbeddingsClient.Answer> answers = new ArrayList<>(futures.size());
      try {
        for (Future<EmbeddingsClient.Answer> f : futures) {
          answers.add(f.get());
        }
      } catch (ExecutionException e) {
        futures.forEach(f -> f.cancel(true));
        throw e.getCause() instanceof QuarryException q
            ? q
            : new QuarryException(QuarryException.Kind.RUNTIME, "embedding failed", e.getCause());
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        throw new QuarryException(QuarryException.Kind.RUNTIME, "interrupted while embedding");
      }
      return answers;
    }
  }

  private float[] checked(float[] v) {
    if (v.length != options.dimensions()) {
      throw QuarryException.invalid(
          "the embedding endpoint at "
              + options.host()
              + " returned a "
              + v.length
              + "-dimensional vector for model "
              + options.model()
              + ", expected "
              + options.dimensions()
              + ": check the model name and the dimensions");
    }
    if (Vectors.norm(v) == 0) {
      throw QuarryException.invalid(
          "the embedding endpoint at " + options.host() + " returned a zero vector");
    }
    return Vectors.normalizeInPlace(v);
  }

  /** Role prefixes change the vectors, so they are part of the identity when there are any. */
  private static String prefixesHash(RemoteModelOptions options) {
    if (options.queryPrefix().isEmpty() && options.passagePrefix().isEmpty()) {
      return "";
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (options.queryPrefix() + '\u0000' + options.passagePrefix())
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    if (!closed.getAndSet(true)) {
      client.close();
    }
  }
}
