package dev.quarry.spark;

import java.io.Serializable;

/**
 * Called by a task before it hands each row on: the tests' way to fail or slow down one attempt in
 * the middle of its partition, as a lost executor or a straggler would.
 */
@FunctionalInterface
interface TaskProbe extends Serializable {
  TaskProbe NONE = (partition, attempt, row) -> {};

  void beforeRow(int partition, int attempt, long row);
}
