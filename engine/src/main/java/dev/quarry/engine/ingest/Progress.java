package dev.quarry.engine.ingest;

import java.io.PrintStream;
import java.util.Locale;
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

  /** A plain line at most every five seconds. */
  final class Lines implements Progress {
    private final long total;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long last = System.nanoTime();

    Lines(long total, PrintStream err) {
      this.total = total;
      this.err = err;
    }

    @Override
    public void update(long documents, long chunks) {
      long now = System.nanoTime();
      if (now - last < 5_000_000_000L) {
        return;
      }
      last = now;
      double s = (now - start) / 1e9;
      double rate = documents / s;
      String eta =
          total > 0 && rate > 0
              ? String.format(Locale.ROOT, ", ETA %.0f s", (total - documents) / rate)
              : "";
      err.printf(
          Locale.ROOT,
          "indexing: %d%s documents (%.0f/s), %d chunks (%.0f/s)%s%n",
          documents,
          total > 0 ? "/" + total : "",
          rate,
          chunks,
          chunks / s,
          eta);
    }

    @Override
    public void close() {}
  }
}
