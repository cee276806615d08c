package dev.quarry.engine.embed.remote;

import dev.quarry.core.QuarryException;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed call to an embedding endpoint is tried again: exponential backoff with "equal
 * jitter" (half the delay fixed, half random, so that concurrent callers spread out but none
 * retries at once), and at least as long as the endpoint's {@code Retry-After}
 * (docs/decisions/0065-remote-embedder-retries.md).
 *
 * @param attempts calls in all, the first included (1 = never retry)
 * @param initialDelay the delay after the first failure, before jitter
 * @param maxDelay the longest delay between two calls; a {@code Retry-After} asking for longer ends
 *     the retries
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30));

  public RetryPolicy {
    if (attempts < 1) {
      throw QuarryException.invalid("retry attempts must be >= 1, got " + attempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw QuarryException.invalid(
          "retry delays must satisfy 0 <= initial <= max, got "
              + initialDelay
              + " and "
              + maxDelay);
    }
  }

  /**
   * The wait before call {@code failures + 1}, after {@code failures} failed calls (1 or more), or
   * empty when the endpoint asks for longer than {@link #maxDelay}.
   */
  public Optional<Duration> delay(
      int failures, Optional<Duration> retryAfter, RandomGenerator random) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(maxDelay) > 0) {
      return Optional.empty();
    }
    long base = initialDelay.toMillis() << Math.min(failures - 1, 30);
    long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
    long jittered = capped / 2 + (capped < 2 ? 0 : random.nextLong(capped - capped / 2 + 1));
    long wait = Math.max(jittered, retryAfter.map(Duration::toMillis).orElse(0L));
    return Optional.of(Duration.ofMillis(wait));
  }
}
