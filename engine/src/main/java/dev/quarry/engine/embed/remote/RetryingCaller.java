package dev.quarry.engine.embed.remote;

import dev.quarry.core.QuarryException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch with retries: transient failures wait as {@link RetryPolicy} says and try again;
 * the others, and the last transient one, become a one-line {@link QuarryException}. A permit of
 * the embedder's concurrency cap is held only while a request is in flight, not while waiting.
 */
final class RetryingCaller {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingCaller.class);

  private final EmbeddingsClient client;
  private final RemoteModelOptions options;
  private final Semaphore inFlight;

  RetryingCaller(EmbeddingsClient client, RemoteModelOptions options) {
    this.client = client;
    this.options = options;
    this.inFlight = new Semaphore(options.concurrency(), true);
  }

  EmbeddingsClient.Answer call(List<String> inputs) {
    RetryPolicy policy = options.retry();
    try {
      for (int attempt = 1; ; attempt++) {
        CallFailure failure;
        inFlight.acquire();
        try {
          return client.call(inputs);
        } catch (CallFailure f) {
          failure = f;
        } finally {
          inFlight.release();
        }
        if (!failure.isTransient()) {
          throw QuarryException.invalid(failure.getMessage());
        }
        if (attempt == policy.attempts()) {
          throw new QuarryException(
              QuarryException.Kind.RUNTIME,
              "the embedding endpoint at "
                  + options.host()
                  + " still fails after "
                  + attempt
                  + " attempts (last: "
                  + failure.getMessage()
                  + "); try again when it answers");
        }
        Optional<Duration> wait =
            policy.delay(attempt, failure.retryAfter(), ThreadLocalRandom.current());
        if (wait.isEmpty()) {
          throw new QuarryException(
              QuarryException.Kind.RUNTIME,
              "the embedding endpoint at "
                  + options.host()
                  + " asks to wait "
                  + failure.retryAfter().orElseThrow().toSeconds()
                  + " s (Retry-After), longer than the "
                  + policy.maxDelay().toSeconds()
                  + " s retry limit: try again later");
        }
        LOG.debug(
            "embedding request failed ({}), attempt {} of {}; retrying in {} ms",
            failure.getMessage(),
            attempt,
            policy.attempts(),
            wait.get().toMillis());
        Thread.sleep(wait.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(QuarryException.Kind.RUNTIME, "interrupted while embedding");
    }
  }
}
