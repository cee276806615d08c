package dev.quarry.index.internal;

import static org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * One segment's HNSW graph, its neighbour lists decoded once from Lucene's {@code .vex} into int
 * arrays (per level: offsets and neighbours, compressed-sparse-row), so that a walk reads a node's
 * neighbours as a plain array slice instead of decoding them at every visit (decision 0166).
 *
 * <p>Cached per segment core (deletions do not change the graph), built on first use, dropped when
 * the core closes. Level 0 costs {@code 4 × (nodes + 1 + edges)} bytes: about 4 × 33 × nodes for
 * Lucene's 2·M = 32 neighbours; upper levels hold about a sixteenth as many nodes each.
 */
final class DecodedGraph {
  private static final Map<IndexReader.CacheKey, DecodedGraph> CACHE = new ConcurrentHashMap<>();

  /** One level's lists; {@code nodes} null at level 0, where a node is its own index. */
  record Level(int[] nodes, int[] offsets, int[] neighbours) {
    /** The node's index in this level, negative where it is not on it. */
    int indexOf(int node) {
      return nodes == null ? node : Arrays.binarySearch(nodes, node);
    }

    long bytes() {
      return 4L * ((nodes == null ? 0 : nodes.length) + offsets.length + neighbours.length);
    }
  }

  private final Level[] levels;
  private final int entryNode;

  private DecodedGraph(Level[] levels, int entryNode) {
    this.levels = levels;
    this.entryNode = entryNode;
  }

  /**
   * The segment's decoded graph, built once per segment core from {@code graph}; null where the
   * reader offers no core cache key to cache it under.
   */
  static DecodedGraph of(LeafReader reader, GraphSource source) throws IOException {
    IndexReader.CacheHelper core = reader.getCoreCacheHelper();
    if (core == null) {
      return null;
    }
    DecodedGraph cached = CACHE.get(core.getKey());
    if (cached != null) {
      return cached;
    }
    try {
      return CACHE.computeIfAbsent(
          core.getKey(),
          key -> {
            core.addClosedListener(CACHE::remove);
            try {
              return decode(source.graph());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Opens the segment's graph; called at most once per segment core. */
  @FunctionalInterface
  interface GraphSource {
    HnswGraph graph() throws IOException;
  }

  static DecodedGraph decode(HnswGraph graph) throws IOException {
    Level[] levels = new Level[Math.max(graph.numLevels(), 1)];
    levels[0] = level(graph, 0, null);
    for (int level = 1; level < levels.length; level++) {
      HnswGraph.NodesIterator on = graph.getNodesOnLevel(level);
      int[] nodes = new int[on.size()];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = on.nextInt();
      }
      Arrays.sort(nodes);
      levels[level] = level(graph, level, nodes);
    }
    return new DecodedGraph(levels, graph.size() == 0 ? -1 : graph.entryNode());
  }

  private static Level level(HnswGraph graph, int level, int[] nodes) throws IOException {
    int count = nodes == null ? graph.size() : nodes.length;
    int[] offsets = new int[count + 1];
    // Room for 2·M neighbours a node (level 0's most); grown if a list is longer.
    long room = (long) count * 2 * Math.max(graph.maxConn(), 1);
    int[] neighbours = new int[(int) Math.min(Math.max(16, room), ArrayUtil.MAX_ARRAY_LENGTH)];
    int end = 0;
    for (int i = 0; i < count; i++) {
      graph.seek(level, nodes == null ? i : nodes[i]);
      neighbours = ArrayUtil.grow(neighbours, end + graph.neighborCount());
      for (int friend = graph.nextNeighbor(); friend != NO_MORE_DOCS; ) {
        neighbours[end++] = friend;
        friend = graph.nextNeighbor();
      }
      offsets[i + 1] = end;
    }
    return new Level(nodes, offsets, Arrays.copyOf(neighbours, end));
  }

  /** -1 for an empty graph. */
  int entryNode() {
    return entryNode;
  }

  int numLevels() {
    return levels.length;
  }

  Level level(int level) {
    return levels[level];
  }

  /** Heap bytes of the decoded lists (the figure decision 0166 quotes). */
  long bytes() {
    long total = 0;
    for (Level level : levels) {
      total += level.bytes();
    }
    return total;
  }
}
