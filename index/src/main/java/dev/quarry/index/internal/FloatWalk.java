package dev.quarry.index.internal;

import dev.quarry.index.spi.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * The unfiltered HNSW search of a float32 collection held in one segment, run by {@link GraphWalk}
 * on the segment's {@link DecodedGraph} with Lucene's own float scorer (which reads the vectors
 * where they lie in the mapped {@code .vec} file) instead of Lucene's query (decision 0166).
 *
 * <p>{@link #top} answers null, and the search goes through Lucene's query as before, where the
 * vectors lie in more than one segment (Lucene's query then searches each segment with a share of
 * the beam and re-searches the competitive ones; a full beam in every segment would cost more) or
 * the segment is not Lucene's float32 HNSW format. Filtered searches always go through Lucene's
 * query.
 */
final class FloatWalk {
  /** Walks' scratch state, reused across searches (a walk per concurrent search). */
  private static final Queue<GraphWalk> WALKS = new ConcurrentLinkedQueue<>();

  private static final Comparator<ScoreDoc> BEST_FIRST =
      Comparator.<ScoreDoc>comparingDouble(hit -> -hit.score).thenComparingInt(hit -> hit.doc);

  private FloatWalk() {}

  /**
   * The best {@code collect} of the {@code beam} nodes the walk keeps, global doc ids, best first
   * (as Lucene's query with k = beam, then its top {@code collect}); null: not applicable.
   */
  static ScoreDoc[] top(IndexSearcher searcher, float[] query, int beam, int collect)
      throws IOException {
    LeafReaderContext only = null;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(IndexFields.VECTOR);
      if (field != null && field.hasVectorValues()) {
        if (only != null) {
          return null;
        }
        only = leaf;
      }
    }
    if (only == null) {
      return new ScoreDoc[0];
    }
    Segment segment = Segment.of(only, query);
    if (segment == null) {
      return null;
    }
    GraphWalk walk = WALKS.poll();
    if (walk == null) {
      walk = new GraphWalk();
    }
    List<ScoreDoc> found = new ArrayList<>();
    try {
      segment.walk(walk, beam, found);
    } finally {
      WALKS.offer(walk);
    }
    found.sort(BEST_FIRST);
    return found.subList(0, Math.min(collect, found.size())).toArray(ScoreDoc[]::new);
  }

  /** The segment's decoded graph and the query's scorer. */
  private record Segment(LeafReaderContext leaf, DecodedGraph graph, RandomVectorScorer scorer) {

    /** Null where the segment is not Lucene's float32 HNSW format. */
    static Segment of(LeafReaderContext leaf, float[] query) throws IOException {
      KnnVectorsReader reader = VectorFormats.vectorReader(leaf.reader());
      RandomVectorScorer scorer =
          reader == null ? null : VectorFormats.floatScorer(reader, IndexFields.VECTOR, query);
      if (scorer == null || !(reader instanceof HnswGraphProvider graphs)) {
        return null;
      }
      DecodedGraph graph =
          DecodedGraph.of(leaf.reader(), () -> graphs.getGraph(IndexFields.VECTOR));
      if (graph == null) {
        return null;
      }
      RandomVectorScorer touching =
          TouchingScorer.of(scorer, leaf.reader().getFloatVectorValues(IndexFields.VECTOR));
      return new Segment(leaf, graph, touching);
    }

    void walk(GraphWalk walk, int beam, List<ScoreDoc> found) throws IOException {
      Bits live = leaf.reader().getLiveDocs();
      walk.search(graph, scorer, scorer.getAcceptOrds(live), beam);
      NodeHeap results = walk.results();
      for (int i = 0; i < results.size(); i++) {
        int doc = leaf.docBase + scorer.ordToDoc(results.nodeAt(i));
        found.add(new ScoreDoc(doc, results.scoreAt(i)));
      }
    }
  }
}
