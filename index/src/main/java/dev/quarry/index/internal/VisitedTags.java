package dev.quarry.index.internal;

import java.util.Arrays;

/**
 * The nodes a walk has visited, reused from walk to walk: a node is visited when its tag equals the
 * current walk's, so starting a walk is one increment instead of clearing a bit set (hnswlib's
 * {@code VisitedList}). Not thread-safe: one per walk at a time.
 */
final class VisitedTags {
  private int[] tags = new int[0];
  private int tag;

  /** Starts a walk over nodes {@code 0 .. size - 1}, none visited. */
  void start(int size) {
    if (tags.length < size) {
      tags = new int[size];
      tag = 0;
    }
    if (++tag == Integer.MAX_VALUE) {
      Arrays.fill(tags, 0);
      tag = 1;
    }
  }

  /** Marks the node visited; false where it already was. */
  boolean visit(int node) {
    if (tags[node] == tag) {
      return false;
    }
    tags[node] = tag;
    return true;
  }
}
