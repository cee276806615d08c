package dev.quarry.engine.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports ingestion progress: a progress bar (documents/s, chunks/s, ETA) on a terminal, a plain
 * line every few seconds otherwise (logs, CI), nothing when quiet.
 */
public interface Progress extends AutoCloseable {
  void update(long documents, long chunks);

  @Override
  void close();

  static Progress none() {
    return new Progress() {
      @Override
      public void update(long documents, long chunks) {}

      @Override
      public void close() {}
    };
  }

  /** A bar when stderr is a terminal, plain lines otherwise. {@code total} may be -1 (unknown). */
  static Progress forConsole(long total, PrintStream err) {
    return System.console() != null ? new Bar(total, err) : new Lines(total, err);
  }

  /** The progress bar library's bar. */
  final class Bar implements Progress {
    private final ProgressBar bar;
    private final long start = System.nanoTime();

    Bar(long total, PrintStream err) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("indexing")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
              .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
              .setUnit(" docs", 1)
              .showSpeed()
              .build();
    }

    @Override
    public void update(long documents, long chunks) {
      double s = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
      bar.stepTo(documents);
      bar.setExtraMessage(
          String.format(Locale.ROOT, "%d chunks, %.0f chunks/s", chunks, chunks / s));
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /**
   * A plain line every five seconds, from a timer: the pipeline's counts move in steps of a whole
   * batch, which can take a minute, and a log without a line for that long looks hung.
   */
  final class Lines implements Progress {
    private static final long PERIOD_SECONDS = 5;
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("quarry-progress").daemon(true).factory());
    private volatile long documents;
    private volatile long chunks;

    Lines(long total, PrintStream err) {
      this.total = total;
      this.err = err;
      timer.scheduleAtFixedRate(this::print, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void update(long documents, long chunks) {
      this.documents = documents;
      this.chunks = chunks;
    }

    private void print() {
      long docs = documents;
      long written = chunks;
      double s = (System.nanoTime() - start) / 1e9;
      double rate = docs / s;
      String eta =
          total > 0 && rate > 0
              ? String.format(Locale.ROOT, ", ETA %.0f s", (total - docs) / rate)
              : "";
      err.printf(
          Locale.ROOT,
          "indexing: %d%s documents read (%.0f/s), %d chunks written (%.0f/s), %.0f s%s%n",
          docs,
          total > 0 ? "/" + total : "",
          rate,
          written,
          written / s,
          s,
          eta);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
