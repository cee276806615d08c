package dev.quarry.index.internal;

import java.io.IOException;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * The HNSW search of one segment over its {@link DecodedGraph}: the same steps, order and
 * thresholds as Lucene's {@code HnswGraphSearcher} (a greedy descent through the upper levels, then
 * a best-first walk of level 0 keeping the best {@code beam} accepted nodes), so it finds the same
 * nodes with the same scores; what differs is the bookkeeping (decision 0166). Each expanded node's
 * unvisited neighbours are scored in one {@link RandomVectorScorer#bulkScore} call.
 *
 * <p>Holds its scratch state (visited tags, heaps, buffers) for reuse: one search at a time.
 */
final class GraphWalk {
  private final VisitedTags visited = new VisitedTags();
  private final NodeHeap candidates = NodeHeap.bestFirst();
  private final NodeHeap results = NodeHeap.worstFirst();
  private int[] friends = new int[64];
  private float[] scores = new float[64];

  /**
   * Finds the best {@code beam} nodes that {@code accept} lets through (null: all), left in {@link
   * #results()}. A segment with no more nodes than the beam has all of them scored, as Lucene does.
   */
  void search(DecodedGraph graph, RandomVectorScorer scorer, Bits accept, int beam)
      throws IOException {
    results.clear();
    int size = scorer.maxOrd();
    if (beam >= size || graph.entryNode() < 0) {
      for (int node = 0; node < size; node++) {
        if (accept == null || accept.get(node)) {
          collect(node, scorer.score(node), beam);
        }
      }
      return;
    }
    visited.start(size);
    int entry = graph.entryNode();
    float entryScore = scorer.score(entry);
    for (int level = graph.numLevels() - 1; level >= 1; level--) {
      visited.visit(entry);
      for (boolean better = true; better; ) {
        better = false;
        int count = scoreUnvisited(graph.level(level), entry, scorer);
        for (int i = 0; i < count; i++) {
          if (scores[i] > entryScore) {
            entryScore = scores[i];
            entry = friends[i];
            better = true;
          }
        }
      }
    }
    searchLevelZero(graph.level(0), scorer, accept, beam, entry, entryScore, size);
  }

  private void searchLevelZero(
      DecodedGraph.Level zero,
      RandomVectorScorer scorer,
      Bits accept,
      int beam,
      int entry,
      float entryScore,
      int size)
      throws IOException {
    visited.start(size);
    visited.visit(entry);
    candidates.clear();
    candidates.push(entry, entryScore);
    if (accept == null || accept.get(entry)) {
      collect(entry, entryScore, beam);
    }
    float min = threshold(beam);
    while (candidates.size() > 0 && candidates.topScore() >= min) {
      int count = scoreUnvisited(zero, candidates.pop(), scorer);
      for (int i = 0; i < count; i++) {
        float score = scores[i];
        if (score > min) {
          int friend = friends[i];
          candidates.push(friend, score);
          if (accept == null || accept.get(friend)) {
            collect(friend, score, beam);
            min = threshold(beam);
          }
        }
      }
    }
  }

  /** Marks the node's unvisited neighbours visited and scores them into {@code scores}. */
  private int scoreUnvisited(DecodedGraph.Level level, int node, RandomVectorScorer scorer)
      throws IOException {
    int index = level.indexOf(node);
    int from = level.offsets()[index];
    int to = level.offsets()[index + 1];
    if (friends.length < to - from) {
      friends = ArrayUtil.grow(friends, to - from);
      scores = ArrayUtil.grow(scores, to - from);
    }
    int[] neighbours = level.neighbours();
    int count = 0;
    for (int i = from; i < to; i++) {
      int friend = neighbours[i];
      if (visited.visit(friend)) {
        friends[count++] = friend;
      }
    }
    if (count > 0) {
      scorer.bulkScore(friends, scores, count);
    }
    return count;
  }

  private void collect(int node, float score, int beam) {
    if (results.size() < beam) {
      results.push(node, score);
    } else if (score > results.topScore()) {
      results.replaceTop(node, score);
    }
  }

  /** The score a node must beat to matter: the worst result once the beam is full. */
  private float threshold(int beam) {
    return results.size() < beam ? Float.NEGATIVE_INFINITY : results.topScore();
  }

  /** The last search's nodes and scores, in heap order. */
  NodeHeap results() {
    return results;
  }
}
