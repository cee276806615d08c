package dev.quarry.engine.embed.remote;

import java.time.Duration;
import java.util.Optional;

/**
 * Why one request to the embedding endpoint failed. Transient failures (429, 5xx, 408, timeouts,
 * broken connections, truncated or unreadable bodies) are retried; the others end the job at once.
 */
final class CallFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;
  private final transient Optional<Duration> retryAfter;

  private CallFailure(String message, boolean transientFailure, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.transientFailure = transientFailure;
    this.retryAfter = retryAfter;
  }

  static CallFailure retryable(String message, Optional<Duration> retryAfter) {
    return new CallFailure(message, true, retryAfter);
  }

  static CallFailure retryable(String message) {
    return new CallFailure(message, true, Optional.empty());
  }

  static CallFailure permanent(String message) {
    return new CallFailure(message, false, Optional.empty());
  }

  boolean isTransient() {
    return transientFailure;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
