package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Collection;
import dev.quarry.index.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that fails in the middle of its partition, and two attempts of every partition racing to
 * commit, still give exactly one copy of each document. Spark launches no speculative copies in
 * local mode (its speculation check runs only off local mode, and a copy never runs on the host of
 * the original), so the race is made by two concurrent jobs over the same partitions and work
 * folder: the same situation, attempts with the same rows and distinct attempt ids.
 */
class FaultToleranceTest {
  private static final int PARTITIONS = 3;
  private static final Set<String> ATTEMPTS = ConcurrentHashMap.newKeySet();

  @TempDir static Path tmp;
  static SparkSession spark;
  static Dataset<Row> rows;
  static long expected;

  @BeforeAll
  static void start() {
    spark = LocalSpark.session();
    rows = spark.read().json(LocalSpark.SAMPLE.toString()).where("category = 'programming'");
    expected = rows.count();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aTaskFailingMidPartitionIsRetriedWithoutDuplicates() {
    ATTEMPTS.clear();
    Path out = tmp.resolve("retried");
    SparkIndexReport report =
        QuarrySpark.index(
            rows,
            IndexSpec.DEFAULTS.withPartitions(PARTITIONS),
            out,
            (partition, attempt, row) -> {
              ATTEMPTS.add(partition + "/" + attempt);
              if (partition == 1 && attempt == 0 && row == 5) {
                throw new IllegalStateException("injected: executor lost mid-partition");
              }
            });
    assertThat(ATTEMPTS).contains("1/0", "1/1").doesNotContain("0/1", "2/1");
    assertThat(report.documents()).isEqualTo(expected);
    assertOneCopyEach(out);
  }

  @Test
  void racingAttemptsCommitOneShardPerPartition() throws Exception {
    JobFolders folders = new JobFolders(tmp.resolve("raced").toString());
    IndexSpec spec = IndexSpec.DEFAULTS.withPartitions(PARTITIONS);
    // The straggler: partition 0 of the first job stalls until the second job's copy committed.
    String fastShard = folders.shard(0).toString(); // a String: the probe is serialized
    TaskProbe straggler =
        (partition, attempt, row) -> {
          if (partition == 0 && row == 5) {
            awaitFolder(fastShard);
          }
        };
    CompletableFuture<List<ShardResult>> slow =
        CompletableFuture.supplyAsync(
            () -> QuarrySpark.buildShards(rows, spec, folders, PARTITIONS, straggler));
    sleep(500);
    List<ShardResult> fast =
        QuarrySpark.buildShards(rows, spec, folders, PARTITIONS, TaskProbe.NONE);
    List<ShardResult> late = slow.get();

    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      long committed =
          Stream.concat(fast.stream(), late.stream())
              .filter(r -> r.partition() == partition && r.committed())
              .count();
      assertThat(committed).as("commits of partition %d", p).isEqualTo(1);
    }
    assertThat(late.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow().committed())
        .as("the straggler lost")
        .isFalse();
    try (Stream<Path> left = Files.list(Path.of(folders.root(), "attempts"))) {
      assertThat(left).as("attempt folders left behind").isEmpty();
    }
    QuarrySpark.merge(folders, PARTITIONS, 0);
    assertOneCopyEach(folders.merged());
  }

  private static void assertOneCopyEach(Path dir) {
    try (Collection c = Collection.openReadOnly(dir)) {
      VerifyReport verify = c.verify();
      assertThat(verify.ok()).as(verify.toString()).isTrue();
      // One document per input row (each is a single chunk), each once.
      List<String> ids = c.lucene().idsMatching(null);
      assertThat(ids).doesNotHaveDuplicates().hasSize((int) expected);
      assertThat(ids)
          .containsExactlyInAnyOrderElementsOf(
              rows.select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }
  }

  private static void awaitFolder(String folder) {
    for (int i = 0; i < 1200 && !Files.isDirectory(Path.of(folder)); i++) {
      sleep(100);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
