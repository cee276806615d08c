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
 * The unfiltered HNSW search of a float32 collection, run by {@link GraphWalk} on each segment's
 * {@link DecodedGraph} with Lucene's own float scorer (which reads the vectors where they lie in
 * the mapped {@code .vec} file) instead of Lucene's query; segments' results merged (decision
 * 0166).
 *
 * <p>{@link #top} answers null where a segment is not Lucene's float32 HNSW format (the search then
 * goes through Lucene's query as before). Filtered searches always go through Lucene's query.
 */
final class FloatWalk {
  /** Walks' scratch state, reused across searches (a walk per concurrent search). */
  private static final Queue<GraphWalk> WALKS = new ConcurrentLinkedQueue<>();

  private static final Comparator<ScoreDoc> BEST_FIRST =
      Comparator.<ScoreDoc>comparingDouble(hit -> -hit.score).thenComparingInt(hit -> hit.doc);

  private FloatWalk() {}

  /**
   * The best {@code collect} of the {@code beam} nodes each segment's walk keeps, global doc ids,
   * best first (as Lucene's query with k = beam, then its top {@code collect}); null: not
   * applicable.
   */
  static ScoreDoc[] top(IndexSearcher searcher, float[] query, int beam, int collect)
      throws IOException {
    List<Segment> segments = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Segment segment = Segment.of(leaf, query);
      if (segment == null) {
        return null;
      }
      segments.add(segment);
    }
    GraphWalk walk = WALKS.poll();
    if (walk == null) {
      walk = new GraphWalk();
    }
    List<ScoreDoc> found = new ArrayList<>();
    try {
      for (Segment segment : segments) {
        segment.walk(walk, beam, found);
      }
    } finally {
      WALKS.offer(walk);
    }
    found.sort(BEST_FIRST);
    return found.subList(0, Math.min(collect, found.size())).toArray(ScoreDoc[]::new);
  }

  /** One segment's decoded graph and the query's scorer; both null without vectors. */
  private record Segment(LeafReaderContext leaf, DecodedGraph graph, RandomVectorScorer scorer) {

    static Segment of(LeafReaderContext leaf, float[] query) throws IOException {
      FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(IndexFields.VECTOR);
      if (field == null || !field.hasVectorValues()) {
        return new Segment(leaf, null, null);
      }
      KnnVectorsReader reader = VectorFormats.vectorReader(leaf.reader());
      RandomVectorScorer scorer =
          reader == null ? null : VectorFormats.floatScorer(reader, IndexFields.VECTOR, query);
      if (scorer == null || !(reader instanceof HnswGraphProvider graphs)) {
        return null;
      }
      DecodedGraph graph =
          DecodedGraph.of(leaf.reader(), () -> graphs.getGraph(IndexFields.VECTOR));
      return graph == null ? null : new Segment(leaf, graph, scorer);
    }

    void walk(GraphWalk walk, int beam, List<ScoreDoc> found) throws IOException {
      if (scorer == null) {
        return;
      }
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
