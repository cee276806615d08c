package dev.quarry.spark;

import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ONNX session per model per executor JVM, shared by the tasks running there: created by the
 * first task that needs it, counted by {@link Lease}s, and closed {@link #LINGER_SECONDS} after the
 * last lease ends unless another task takes it first (a session takes about a second to open, and
 * an executor runs its tasks one after another). The embedder is thread-safe, so concurrent tasks
 * share its worker pool.
 */
final class SharedEmbedder {
  static final long LINGER_SECONDS = 30;

  private static final Map<String, Entry> OPEN = new HashMap<>();
  private static long created;
  private static final ScheduledExecutorService CLOSER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "quarry-spark-embedder-closer");
            t.setDaemon(true);
            return t;
          });

  private SharedEmbedder() {}

  private static final class Entry {
    final OnnxEmbedder embedder;
    int leases;
    ScheduledFuture<?> closing;

    Entry(OnnxEmbedder embedder) {
      this.embedder = embedder;
    }
  }

  /** A task's hold on the shared embedder; closing it releases the hold once. */
  static final class Lease implements AutoCloseable {
    private final String model;
    private final OnnxEmbedder embedder;
    private boolean closed;

    private Lease(String model, OnnxEmbedder embedder) {
      this.model = model;
      this.embedder = embedder;
    }

    OnnxEmbedder embedder() {
      return embedder;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(model);
      }
    }
  }

  /** The shared embedder of {@code model}, opened now if this JVM holds none. */
  static synchronized Lease acquire(String model) {
    Entry e = OPEN.get(model);
    if (e == null) {
      e = new Entry(OnnxEmbedder.open(ModelRepository.resolve(model), EmbedderOptions.DEFAULTS));
      OPEN.put(model, e);
      created++;
    }
    if (e.closing != null) {
      e.closing.cancel(false);
      e.closing = null;
    }
    e.leases++;
    return new Lease(model, e.embedder);
  }

  private static synchronized void release(String model) {
    Entry e = OPEN.get(model);
    if (--e.leases == 0) {
      e.closing = CLOSER.schedule(() -> closeIdle(model, e), LINGER_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static synchronized void closeIdle(String model, Entry e) {
    if (e.leases == 0 && OPEN.get(model) == e) {
      OPEN.remove(model);
      e.embedder.close();
    }
  }

  /** Sessions this JVM has opened so far (for tests: one per model while tasks keep coming). */
  static synchronized long created() {
    return created;
  }
}
