package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * kill the collection reopens with every acknowledged write present, no duplicate ids, and store
 * and index in agreement. The seed is printed; re-run with -Dquarry.seed=N.
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
    for (int run = 0; run < KILLS; run++) {
      Path log = dir.resolve("child-" + run + ".out");
      Process child = start(path, random.nextLong(), (run + 1) * 1_000_000L, log);
      Set<String> inFlight = new HashSet<>();
      Map<String, Long> inFlightVersions = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).startsWith("READY")) {
        assertThat(child.isAlive()).as("child exited before READY; run %d", run).isTrue();
        assertThat(System.nanoTime()).as("child start timed out").isLessThan(deadline);
        Thread.sleep(5);
      }
      Thread.sleep(50 + random.nextInt(400));
      child.destroyForcibly(); // SIGKILL on Unix
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Everything the child printed before it died is in the file, ACKs included.
      String pending = null;
      for (String line : Files.readAllLines(log)) {
        if (line.startsWith("BEGIN")) {
          pending = line;
        } else if (line.equals("ACK")) {
          apply(pending, expected);
          pending = null;
          totalAcks++;
        }
      }
      if (pending != null) { // the write in flight at the kill may or may not have happened
        String[] parts = pending.split(" ");
        for (int i = 2; i < parts.length; i++) {
          String id = parts[i].split(":")[0];
          inFlight.add(id);
          inFlightVersions.put(
              id, parts[1].equals("U") ? Long.parseLong(parts[i].split(":")[1]) : null);
        }
      }
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
        "CrashRecoveryTest: " + KILLS + " kills, " + totalAcks + " acknowledged writes verified");
    assertThat(totalAcks).isGreaterThan(KILLS);
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

  private static Process start(Path path, long seed, long version, Path log) throws IOException {
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
            Long.toString(version))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(log.toFile())
        .start();
  }
}
