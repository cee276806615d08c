package dev.quarry.engine.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Plans model calls for a batch of tokenized texts: sorted by length, so that each call pads only
 * to its own longest text, and cut so that no call exceeds {@code maxTexts} texts or {@code
 * maxTokens} padded tokens (a single text longer than that still gets its own call).
 */
final class LengthBuckets {
  private LengthBuckets() {}

  /** Returns the indexes of {@code rows} grouped into calls; each index appears exactly once. */
  static List<int[]> plan(long[][] rows, int maxTexts, int maxTokens) {
    Integer[] order = new Integer[rows.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> rows[i].length));
    List<int[]> batches = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      int end = start + 1;
      // Sorted ascending, so the last row taken is the longest and sets the padded width.
      while (end < order.length
          && end - start < maxTexts
          && (long) (end - start + 1) * rows[order[end]].length <= maxTokens) {
        end++;
      }
      int[] batch = new int[end - start];
      for (int j = 0; j < batch.length; j++) {
        batch[j] = order[start + j];
      }
      batches.add(batch);
      start = end;
    }
    return batches;
  }
}
