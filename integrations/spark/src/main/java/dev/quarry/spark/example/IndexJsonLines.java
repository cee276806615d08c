package dev.quarry.spark.example;

import dev.quarry.spark.IndexSpec;
import dev.quarry.spark.QuarrySpark;
import dev.quarry.spark.SparkIndexReport;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The example job of docs/spark.md: JSON lines (id, title, text, date, any metadata) to one Quarry
 * collection. Arguments: {@code INPUT OUT [PARTITIONS]}; INPUT is anything {@code
 * spark.read().json} reads, OUT a folder on a file system the driver and executors share.
 *
 * <pre>
 * spark-submit --class dev.quarry.spark.example.IndexJsonLines ... corpus.jsonl /shared/my-index 64
 * </pre>
 */
public final class IndexJsonLines {
  private IndexJsonLines() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: IndexJsonLines INPUT OUT [PARTITIONS]");
      System.exit(2);
    }
    String input = args[0];
    Path out = Path.of(args[1]);
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    // BEGIN README SPARK EXAMPLE
    SparkSession spark = SparkSession.builder().appName("quarry-index").getOrCreate();
    Dataset<Row> rows = spark.read().json(input); // id, title, text, date, metadata columns
    SparkIndexReport report =
        QuarrySpark.index(
            rows,
            // columns id, text, title, date, the rest as metadata; all-minilm-l6-v2; float32
            IndexSpec.DEFAULTS.withPartitions(partitions), // shards; 0: default parallelism
            out);
    System.out.printf(
        "%d documents, %d chunks, %d rows rejected; %d shards built in %.1f s, merged in %.1f s%n",
        report.documents(),
        report.chunks(),
        report.rejectedRows(),
        report.shards(),
        report.buildSeconds(),
        report.mergeSeconds());
    // END README SPARK EXAMPLE
    spark.stop();
  }
}
