package dev.quarry.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one task did for its partition.
 *
 * @param partition the partition, which is the shard's number
 * @param attempt the task attempt's number (0 for the first)
 * @param committed whether this attempt's shard is the one in place (false: another attempt of the
 *     same partition committed first, and this one's was deleted)
 * @param documents documents accepted
 * @param chunks chunks written
 * @param rejectedRows rows that are not documents
 * @param rejections the first few of them, with their place and reason
 * @param seconds wall time of the task
 */
record ShardResult(
    int partition,
    int attempt,
    boolean committed,
    long documents,
    long chunks,
    long rejectedRows,
    List<String> rejections,
    double seconds)
    implements Serializable {
  ShardResult {
    rejections = List.copyOf(rejections);
  }
}
