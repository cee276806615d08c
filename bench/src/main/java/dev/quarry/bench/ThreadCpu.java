package dev.quarry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads, native ones included (ONNX Runtime's), grouped by thread name
 * without its trailing number, from Linux's {@code /proc/self/task}. Where an ingest spends its CPU
 * beside the model: the difference of two snapshots per group.
 */
final class ThreadCpu {
  private final Map<Integer, Long> ticks = new HashMap<>();
  private final Map<Integer, String> names = new HashMap<>();

  private ThreadCpu() {}

  /** A snapshot; empty where there is no /proc (not Linux). */
  static ThreadCpu now() {
    ThreadCpu snapshot = new ThreadCpu();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return snapshot;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          // Fields after the ")" closing the name: state is 3rd, utime 14th, stime 15th overall.
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          int tid = Integer.parseInt(task.getFileName().toString());
          snapshot.ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          snapshot.names.put(tid, Files.readString(task.resolve("comm")).strip());
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read: it is not counted
        }
      }
    } catch (IOException e) {
      return snapshot;
    }
    return snapshot;
  }

  /** Seconds of CPU per thread group since {@code before}, largest first, over 0.05 s. */
  String since(ThreadCpu before) {
    Map<String, Long> groups = new TreeMap<>();
    ticks.forEach(
        (tid, t) ->
            groups.merge(
                names.get(tid).replaceAll("[-#]?\\d+$", ""),
                t - before.ticks.getOrDefault(tid, 0L),
                Long::sum));
    double tick = 100.0; // USER_HZ: 100 on every Linux this runs on
    StringBuilder sb = new StringBuilder();
    groups.entrySet().stream()
        .filter(e -> e.getValue() / tick >= 0.05)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                sb.append(
                    String.format(
                        java.util.Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / tick)));
    return sb.toString();
  }
}
