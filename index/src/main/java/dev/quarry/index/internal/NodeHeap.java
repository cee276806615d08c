package dev.quarry.index.internal;

import java.util.Arrays;

/**
 * A binary heap of graph nodes keyed by score, best or worst on top, with scores and nodes in two
 * parallel arrays (Lucene's {@code NeighborQueue} packs both into longs and decodes them at each
 * comparison). Ties are left in any order. Not thread-safe: one per walk.
 */
final class NodeHeap {
  /** +1: highest score on top; -1: lowest (the stored keys are negated scores). */
  private final float sign;

  private float[] keys = new float[64];
  private int[] nodes = new int[64];
  private int size;

  private NodeHeap(float sign) {
    this.sign = sign;
  }

  /** The highest score on top: a walk's candidates to expand. */
  static NodeHeap bestFirst() {
    return new NodeHeap(1);
  }

  /** The lowest score on top: a walk's results, the worst one to replace. */
  static NodeHeap worstFirst() {
    return new NodeHeap(-1);
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  float topScore() {
    return sign * keys[0];
  }

  int topNode() {
    return nodes[0];
  }

  void push(int node, float score) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    float key = sign * score;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] >= key) {
        break;
      }
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the top and answers its node. */
  int pop() {
    int top = nodes[0];
    size--;
    if (size > 0) {
      siftDown(keys[size], nodes[size]);
    }
    return top;
  }

  /** Replaces the top with {@code node}, restoring the order. */
  void replaceTop(int node, float score) {
    siftDown(sign * score, node);
  }

  private void siftDown(float key, int node) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && keys[child + 1] > keys[child]) {
        child++;
      }
      if (key >= keys[child]) {
        break;
      }
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** The node at {@code i} in heap order (not sorted). */
  int nodeAt(int i) {
    return nodes[i];
  }

  /** The score at {@code i} in heap order (not sorted). */
  float scoreAt(int i) {
    return sign * keys[i];
  }
}
