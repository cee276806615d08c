package dev.quarry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads while some work runs, native ones included (ONNX Runtime's),
 * grouped by thread name without its trailing number, from Linux's {@code /proc/self/task}. Threads
 * that start and end within the work (an ingest's pipeline threads) are seen by sampling every
 * {@value #PERIOD_MILLIS} ms; each loses at most its last period. Where an ingest spends its CPU
 * beside the model. The sampling costs CPU too (about 1.3 s in 80 s at a 50 ms period), so it runs
 * only when asked for.
 */
final class ThreadCpu implements AutoCloseable {
  private static final long PERIOD_MILLIS = 250;
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on every Linux this runs on

  private final Map<Integer, Long> atStart = new ConcurrentHashMap<>();
  private final Map<Integer, Long> latest = new ConcurrentHashMap<>();
  private final Map<Integer, String> names = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  private ThreadCpu() {
    sample(atStart);
    latest.putAll(atStart);
    sampler =
        Thread.ofPlatform()
            .name("bench-thread-cpu")
            .daemon(true)
            .start(
                () -> {
                  while (running) {
                    sample(latest);
                    try {
                      Thread.sleep(PERIOD_MILLIS);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  /** Starts sampling; {@link #close} then reports. No-op figures where there is no /proc. */
  static ThreadCpu start() {
    return new ThreadCpu();
  }

  /**
   * Stops sampling; CPU seconds per thread group since {@link #start}, largest first, groups under
   * 0.05 s left out (the sampler's own thread too).
   */
  String report() {
    close();
    sample(latest);
    Map<String, Long> groups = new TreeMap<>();
    latest.forEach(
        (tid, ticks) ->
            groups.merge(
                names.get(tid).replaceAll("[-#]?\\d+$", "").strip(),
                ticks - atStart.getOrDefault(tid, 0L),
                Long::sum));
    groups.remove("bench-thread-cpu");
    StringBuilder sb = new StringBuilder();
    groups.entrySet().stream()
        .filter(e -> e.getValue() / TICKS_PER_SECOND >= 0.05)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                sb.append(
                    String.format(
                        Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / TICKS_PER_SECOND)));
    return sb.toString();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample(Map<Integer, Long> into) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          // Fields after the ")" closing the name: utime and stime are the 14th and 15th overall.
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          int tid = Integer.parseInt(task.getFileName().toString());
          // Read every time: a new thread is named "java" until the JVM sets its own name.
          names.put(tid, comm(task));
          into.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read: its last sample stands
        }
      }
    } catch (IOException e) {
      // no listing this time; the next sample will do
    }
  }

  private static String comm(Path task) {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
