package dev.quarry.spark;

import java.util.List;

/**
 * What a Spark indexing job did.
 *
 * @param documents documents indexed (rows accepted)
 * @param chunks chunks in the collection
 * @param rejectedRows rows that were not documents (no id, no text, a date that is not one)
 * @param rejections the first few rejections of each shard, with their place and reason
 * @param shards shards built, one per partition
 * @param buildSeconds wall time of the Spark stage that embeds and writes the shards
 * @param mergeSeconds wall time of the driver's merge of the shards into one collection
 */
public record SparkIndexReport(
    long documents,
    long chunks,
    long rejectedRows,
    List<String> rejections,
    int shards,
    double buildSeconds,
    double mergeSeconds) {
  public SparkIndexReport {
    rejections = List.copyOf(rejections);
  }
}
