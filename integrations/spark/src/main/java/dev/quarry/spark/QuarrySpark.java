package dev.quarry.spark;

import dev.quarry.core.FileTrees;
import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a Quarry collection from a Spark {@code Dataset<Row>}: the rows are hash-partitioned by id
 * into one shard per partition, each task chunks and embeds its partition into a shard with the
 * executor's shared ONNX session, and the driver merges the shards into one collection at {@code
 * out}, which then opens on one machine like any other (docs/spark.md).
 *
 * <p>Retries and speculative copies never duplicate or lose a document: a partition's rows are the
 * same in every attempt (a hash repartition sorted by id), an attempt writes to its own folder and
 * is moved into place only when it finished, at most once per partition, and the merge takes
 * exactly one shard per partition. Running the same job again rebuilds the same collection.
 *
 * <p>{@code out} and its sibling work folder ({@code <out>.quarry-spark}) must be on a file system
 * that the driver and every executor share (local in {@code local[N]}, NFS or similar on a
 * cluster).
 */
public final class QuarrySpark {
  /** The file in an output collection that says a Spark job wrote it (and may replace it). */
  static final String MARKER = "quarry-spark.json";

  private static final Logger LOG = LoggerFactory.getLogger(QuarrySpark.class);

  private QuarrySpark() {}

  /**
   * Indexes {@code rows} into a new collection at {@code out}; an {@code out} that an earlier job
   * built is replaced once the new one is complete. Runs one Spark job.
   */
  public static SparkIndexReport index(Dataset<Row> rows, IndexSpec spec, Path out) {
    return index(rows, spec, out, TaskProbe.NONE);
  }

  static SparkIndexReport index(Dataset<Row> rows, IndexSpec spec, Path out, TaskProbe probe) {
    requireReplaceable(out);
    Path work = workFolder(out);
    FileTrees.delete(work); // an earlier job's shards are never reused: the input may differ
    JobFolders folders = new JobFolders(work.resolve("job-" + UUID.randomUUID()).toString());
    int partitions =
        spec.partitions() > 0
            ? spec.partitions()
            : rows.sparkSession().sparkContext().defaultParallelism();
    long start = System.nanoTime();
    List<ShardResult> results = buildShards(rows, spec, folders, partitions, probe);
    double buildSeconds = (System.nanoTime() - start) / 1e9;
    long mergeStart = System.nanoTime();
    merge(folders, partitions, spec.maxSegments());
    SparkIndexReport report = report(results, partitions, buildSeconds, mergeStart);
    writeMarker(folders.merged(), report);
    replace(out, folders.merged());
    FileTrees.delete(work);
    LOG.info(
        "indexed {} documents ({} chunks) into {} from {} shards: build {} s, merge {} s",
        report.documents(),
        report.chunks(),
        out,
        partitions,
        String.format("%.1f", report.buildSeconds()),
        String.format("%.1f", report.mergeSeconds()));
    return report;
  }

  static Path workFolder(Path out) {
    return out.resolveSibling(out.getFileName() + ".quarry-spark");
  }

  /**
   * The Spark stage: a hash repartition by id into {@code partitions}, sorted by id within each (so
   * that every attempt of a partition sees the same rows in the same order), then one shard per
   * partition.
   */
  static List<ShardResult> buildShards(
      Dataset<Row> rows, IndexSpec spec, JobFolders folders, int partitions, TaskProbe probe) {
    Column id = functions.col(idColumn(rows, spec));
    requireColumn(rows, spec.text(), "text");
    return rows.repartition(partitions, id)
        .sortWithinPartitions(id)
        .javaRDD()
        .mapPartitionsWithIndex(new ShardTask(spec, folders, probe), false)
        .collect();
  }

  /** The driver's step: exactly one committed shard per partition into one collection. */
  static void merge(JobFolders folders, int partitions, int maxSegments) {
    List<Path> shards = IntStream.range(0, partitions).mapToObj(folders::shard).toList();
    for (Path shard : shards) {
      if (!Collection.exists(shard)) {
        throw new QuarryException(
            QuarryException.Kind.IO,
            "shard "
                + shard
                + " is missing after its task succeeded: is "
                + folders.root()
                + " on a file system every executor shares?");
      }
    }
    try (Collection merged =
        Collection.create(folders.merged(), Collection.readConfig(shards.getFirst()))) {
      merged.addShards(shards, maxSegments);
    }
  }

  /** The id column; BEIR's {@code _id} stands in for a missing {@code id}, as in the CLI. */
  private static String idColumn(Dataset<Row> rows, IndexSpec spec) {
    List<String> columns = Arrays.asList(rows.columns());
    if (spec.id().equals("id") && !columns.contains("id") && columns.contains("_id")) {
      return "_id";
    }
    requireColumn(rows, spec.id(), "id");
    return spec.id();
  }

  private static void requireColumn(Dataset<Row> rows, String column, String role) {
    List<String> columns = Arrays.asList(rows.columns());
    if (!columns.contains(column)) {
      throw QuarryException.invalid(
          "the rows have no "
              + role
              + " column '"
              + column
              + "' (columns: "
              + String.join(", ", columns)
              + "): name it in the IndexSpec");
    }
  }

  /** {@code out} must be new, empty, or an earlier job's output: never someone's own files. */
  private static void requireReplaceable(Path out) {
    if (!Files.exists(out) || Files.isRegularFile(out.resolve(MARKER))) {
      return;
    }
    try (Stream<Path> children = Files.list(out)) {
      if (children.findAny().isPresent()) {
        throw QuarryException.invalid(
            out + " holds files a Spark indexing job did not write; choose a new or empty folder");
      }
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot list " + out + ": " + e, e);
    }
  }

  private static SparkIndexReport report(
      List<ShardResult> results, int partitions, double buildSeconds, long mergeStart) {
    List<String> rejections = new ArrayList<>();
    results.forEach(r -> rejections.addAll(r.rejections()));
    return new SparkIndexReport(
        results.stream().mapToLong(ShardResult::documents).sum(),
        results.stream().mapToLong(ShardResult::chunks).sum(),
        results.stream().mapToLong(ShardResult::rejectedRows).sum(),
        rejections,
        partitions,
        buildSeconds,
        (System.nanoTime() - mergeStart) / 1e9);
  }

  private static void writeMarker(Path collection, SparkIndexReport report) {
    String json =
        String.format(
            "{\"format\": \"quarry-spark\", \"shards\": %d, \"documents\": %d, \"chunks\": %d}%n",
            report.shards(), report.documents(), report.chunks());
    try {
      Files.writeString(collection.resolve(MARKER), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot write " + collection + ": " + e, e);
    }
  }

  /** Moves the finished collection to {@code out}, in place of an earlier job's output. */
  private static void replace(Path out, Path merged) {
    FileTrees.delete(out);
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.move(merged, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot move " + merged + " to " + out + ": " + e, e);
    }
  }
}
