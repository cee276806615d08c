package dev.quarry.explore.cli;

import dev.quarry.explore.MapProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per stage on stderr when it is a terminal; nothing otherwise, so that scripts and
 * logs get only the result line.
 */
final class ConsoleProgress implements MapProgress {
  private ProgressBar bar;

  static MapProgress forStderr() {
    return System.console() != null ? new ConsoleProgress() : MapProgress.none();
  }

  @Override
  public synchronized void stage(String name, long total) {
    close();
    bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
  }

  @Override
  public synchronized void step(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
