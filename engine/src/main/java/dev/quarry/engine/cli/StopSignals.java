package dev.quarry.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a long job: the first asks the job to stop, so that it can
 * commit and print its summary; a second exits at once. A shutdown hook cannot do this: once the
 * JVM shuts down it ignores further signals, and it exits as soon as the hooks return, under
 * threads still printing. {@code sun.misc.Signal} is the JDK's supported way (module
 * jdk.unsupported) to handle a signal without starting the shutdown.
 */
final class StopSignals implements AutoCloseable {
  private static final List<String> NAMES = List.of("INT", "TERM");

  private final AtomicInteger received = new AtomicInteger();
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile int exitCode;

  private StopSignals(Runnable stop, Runnable onFirst) {
    for (String name : NAMES) {
      Signal signal = new Signal(name);
      SignalHandler handler =
          s -> {
            int code = 128 + s.getNumber();
            if (received.getAndIncrement() > 0) {
              Runtime.getRuntime().halt(code); // the store is crash-safe; the next writer replays
            }
            exitCode = code;
            onFirst.run();
            stop.run();
          };
      try {
        previous.add(Signal.handle(signal, handler));
        signals.add(signal);
      } catch (IllegalArgumentException notOnThisPlatform) {
        // e.g. a JVM started with -Xrs: the default handling stays
      }
    }
  }

  /**
   * Routes INT and TERM to {@code stop} until closed; {@code onFirst} runs first (to tell the user
   * that a second signal exits at once).
   */
  static StopSignals install(Runnable stop, Runnable onFirst) {
    return new StopSignals(stop, onFirst);
  }

  /** 128 + the signal's number (130 for Ctrl-C), or 0 when none came. */
  int exitCode() {
    return exitCode;
  }

  /** Restores the handlers that were in place before. */
  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
