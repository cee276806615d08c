package dev.quarry.engine.embed;

import dev.quarry.core.QuarryException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts calls into native resources so that closing them can wait for the running ones and refuse
 * new ones: closing an ONNX session or a tokenizer under a running call crashes the process.
 */
final class CallGate {
  private final String name;
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean closed;

  CallGate(String name) {
    this.name = name;
  }

  /** Admits a call; the caller must {@link #exit()} in a finally block. */
  void enter() {
    active.incrementAndGet();
    if (closed) {
      active.decrementAndGet();
      throw new QuarryException(QuarryException.Kind.RUNTIME, name + " is closed");
    }
  }

  void exit() {
    active.decrementAndGet();
  }

  /** Whether close has begun: a long call checks this between steps and gives up. */
  boolean closing() {
    return closed;
  }

  /**
   * Refuses new calls and waits up to {@code millis} for the running ones; true when none is left.
   * Close is rare and calls are short, so a short sleep loop is simpler than a condition.
   */
  boolean closeAndAwait(long millis) {
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (active.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return active.get() == 0;
      }
    }
    return true;
  }
}
