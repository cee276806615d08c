package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes continuously and is killed with SIGKILL at random points, 20 times. After each
 * kill, before any writer, a read-only open verifies clean with the writes since the last commit
 * counted as pending, and finds every acknowledged write with get; then the collection reopens for
 * writing with every acknowledged write present, no duplicate ids, and store and index in
 * agreement. The seed is printed; re-run with -Dquarry.seed=N.
 */
class CrashRecoveryTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    long seed = TestVectors.seed("CrashRecoveryTest");
    Random random = new Random(seed);
    Path path = dir.resolve("crash");
    Map<String, Long> expected = new HashMap<>(); // id -> version; absent = deleted or never
    int totalAcks = 0;
    long pendingSeen = 0;
    for (int run = 0; run < KILLS; run++) {
      Path log = dir.resolve("child-" + run + ".out");
      Process child = start(path, random.nextLong(), (run + 1) * 1_000_000L, log, 25);
      Set<String> inFlight = new HashSet<>();
      Map<String, Long> inFlightVersions = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).startsWith("READY")) {
        assertThat(child.isAlive()).as("child exited before READY; run %d", run).isTrue();
        assertThat(System.nanoTime()).as("child start timed out").isLessThan(deadline);
        Thread.sleep(5);
      }
      // Kill only once writes flow (a loaded machine can take seconds to get the child going), so
      // that every run kills a writer mid-stream rather than one still warming up.
      while (Collections.frequency(Files.readAllLines(log), "ACK") < 2) {
        assertThat(child.isAlive()).as("child exited before writing; run %d", run).isTrue();
        assertThat(System.nanoTime()).as("child writes timed out").isLessThan(deadline);
        Thread.sleep(5);
      }
      Thread.sleep(50 + random.nextInt(400));
      child.destroyForcibly(); // SIGKILL on Unix
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Everything the child printed before it died is in the file, ACKs included.
      totalAcks += Collections.frequency(Files.readAllLines(log), "ACK");
      String pending = applyAcknowledged(log, expected);
      if (pending != null) { // the write in flight at the kill may or may not have happened
        String[] parts = pending.split(" ");
        for (int i = 2; i < parts.length; i++) {
          String id = parts[i].split(":")[0];
          inFlight.add(id);
          inFlightVersions.put(
              id, parts[1].equals("U") ? Long.parseLong(parts[i].split(":")[1]) : null);
        }
      }
      pendingSeen += checkBeforeReplay(path, expected, inFlight, run);
      try (Collection c = Collection.open(path)) {
        for (int i = 0; i < CrashWriter.IDS; i++) {
          String id = "id-" + i;
          Long actual = c.get(id).map(d -> (Long) d.first("version")).orElse(null);
          if (inFlight.contains(id)) {
            assertThat(actual)
                .as("run %d, in-flight id %s", run, id)
                .isIn(expected.get(id), inFlightVersions.get(id));
            if (actual == null) {
              expected.remove(id);
            } else {
              expected.put(id, actual);
            }
          } else {
            assertThat(actual)
                .as("run %d, id %s (seed %d)", run, id, seed)
                .isEqualTo(expected.get(id));
          }
        }
        VerifyReport report = c.verify();
        assertThat(report.problems()).as("run %d", run).isEmpty();
        assertThat(report.indexDocuments()).isEqualTo(expected.size());
      }
    }
    System.out.println(
        "CrashRecoveryTest: "
            + KILLS
            + " kills, "
            + totalAcks
            + " acknowledged writes verified, "
            + pendingSeen
            + " pending writes seen by readers before replay");
    assertThat(totalAcks).isGreaterThan(KILLS);
    assertThat(pendingSeen).as("kills between commits leave writes to replay").isPositive();
  }

  /**
   * What a reader sees right after the kill, with no writer in between: verify passes, counting the
   * writes since the last commit as pending, and get finds every acknowledged write. Returns the
   * number of pending writes.
   */
  private static long checkBeforeReplay(
      Path path, Map<String, Long> expected, Set<String> inFlight, int run) {
    try (Collection reader = Collection.openReadOnly(path)) {
      VerifyReport report = reader.verify();
      assertThat(report.problems()).as("run %d: read-only verify before replay", run).isEmpty();
      assertThat(reader.stats().pendingWrites()).isEqualTo(report.pendingWrites());
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        if (!inFlight.contains(e.getKey())) {
          assertThat(reader.get(e.getKey()).map(d -> (Long) d.first("version")))
              .as("run %d: read-only get of %s", run, e.getKey())
              .contains(e.getValue());
        }
      }
      return report.pendingWrites();
    }
  }

  /** Killed before its first commit: the index folder has no commit, the reader still works. */
  @Test
  void readerAfterAKillBeforeTheFirstCommit() throws Exception {
    Path path = dir.resolve("first");
    Path log = dir.resolve("first.out");
    Process child = start(path, 42, 1, log, 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Files.readAllLines(log).stream().filter("ACK"::equals).count() < 20) {
      assertThat(child.isAlive()).as("child exited early").isTrue();
      assertThat(System.nanoTime()).as("child timed out").isLessThan(deadline);
      Thread.sleep(5);
    }
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, Long> expected = new HashMap<>();
    String pending = applyAcknowledged(log, expected);
    try (Collection reader = Collection.openReadOnly(path)) {
      assertThat(reader.stats().documents()).isZero();
      float[] query = new float[CrashWriter.DIMS];
      query[0] = 1;
      assertThat(reader.search(query, 5, KnnOptions.DEFAULTS)).isEmpty();
    }
    Set<String> inFlight = new HashSet<>();
    if (pending != null) {
      for (String part : pending.split(" ")) {
        inFlight.add(part.split(":")[0]);
      }
    }
    assertThat(checkBeforeReplay(path, expected, inFlight, 0)).isGreaterThanOrEqualTo(1);
    try (Collection writer = Collection.open(path)) {
      VerifyReport report = writer.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.pendingWrites()).isZero();
      assertThat(report.indexDocuments()).isEqualTo(report.storeDocuments());
    }
  }

  /**
   * Applies every acknowledged write of a child's output to {@code expected}; returns the write in
   * flight at the kill (a BEGIN line without ACK), or null.
   */
  private static String applyAcknowledged(Path log, Map<String, Long> expected) throws IOException {
    String pending = null;
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("BEGIN")) {
        pending = line;
      } else if (line.equals("ACK")) {
        apply(pending, expected);
        pending = null;
      }
    }
    return pending;
  }

  private static void apply(String begin, Map<String, Long> expected) {
    String[] parts = begin.split(" ");
    for (int i = 2; i < parts.length; i++) {
      if (parts[1].equals("D")) {
        expected.remove(parts[i]);
      } else {
        String[] kv = parts[i].split(":");
        expected.put(kv[0], Long.parseLong(kv[1]));
      }
    }
  }

  private static Process start(Path path, long seed, long version, Path log, int commitEvery)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CrashWriter.class.getName(),
            path.toString(),
            Long.toString(seed),
            Long.toString(version),
            Integer.toString(commitEvery))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(log.toFile())
        .start();
  }
}
