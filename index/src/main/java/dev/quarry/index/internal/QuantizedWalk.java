package dev.quarry.index.internal;

import dev.quarry.index.spi.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedVectorsReader;

/**
 * The unfiltered HNSW walk of a quantized collection, run on Lucene's graph with {@link
 * InPlaceCodeScorer} instead of the format's own scorer (decision 0120). Per segment, the best
 * {@code beam} candidates by quantized score, merged over segments; the caller rescores them. Each
 * segment is walked by {@link GraphWalk} over its {@link DecodedGraph}, as float32's walk is
 * (decisions 0166 and 0168): the same nodes as Lucene's searcher, with less bookkeeping per node,
 * which matters most where a code's score is cheap (binary).
 *
 * <p>Used only where every segment offers what it needs (Lucene's HNSW reader, scalar-quantized
 * codes of a supported encoding); {@link #candidates} answers null otherwise, and the search goes
 * through Lucene's query as before.
 */
final class QuantizedWalk {
  /** Walks' scratch state, reused across searches (a walk per concurrent search). */
  private static final Queue<GraphWalk> WALKS = new ConcurrentLinkedQueue<>();

  private QuantizedWalk() {}

  /** The best {@code beam} candidates by quantized score, global doc ids; null: not applicable. */
  static ScoreDoc[] candidates(IndexSearcher searcher, float[] query, int beam) throws IOException {
    List<Segment> segments = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Segment segment = Segment.of(leaf);
      if (segment == null) {
        return null;
      }
      segments.add(segment);
    }
    List<ScoreDoc> found = new ArrayList<>();
    for (Segment segment : segments) {
      found.addAll(List.of(segment.walk(segment.scorer(query), beam)));
    }
    found.sort((a, b) -> Float.compare(b.score, a.score));
    return found.subList(0, Math.min(beam, found.size())).toArray(ScoreDoc[]::new);
  }

  /** One segment's graph and codes; a segment without vectors walks nothing. */
  record Segment(
      LeafReaderContext leaf,
      HnswGraphProvider graphs,
      QuantizedByteVectorValues values,
      RandomAccessInput codes,
      FieldInfo field) {

    static Segment of(LeafReaderContext leaf) throws IOException {
      FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(IndexFields.VECTOR);
      if (field == null || !field.hasVectorValues()) {
        return new Segment(leaf, null, null, null, null);
      }
      KnnVectorsReader reader = VectorFormats.vectorReader(leaf.reader());
      if (!(reader instanceof HnswGraphProvider graphs)
          || !(reader instanceof QuantizedVectorsReader quantized)
          || !(quantized.getQuantizedVectorValues(IndexFields.VECTOR)
              instanceof QuantizedByteVectorValues values)
          || !InPlaceCodeScorer.supports(
              values.getScalarEncoding(), field.getVectorSimilarityFunction())) {
        return null;
      }
      RandomAccessInput codes = TouchingScorer.positional(values.getSlice());
      return new Segment(leaf, graphs, values, codes, field);
    }

    /** Null for a segment without vectors. */
    InPlaceCodeScorer scorer(float[] query) throws IOException {
      return values == null || values.size() == 0
          ? null
          : InPlaceCodeScorer.of(values, codes, field.getVectorSimilarityFunction(), query);
    }

    /** The best {@code beam} nodes by {@code scorer} (null: a segment without vectors). */
    ScoreDoc[] walk(InPlaceCodeScorer scorer, int beam) throws IOException {
      if (scorer == null) {
        return new ScoreDoc[0];
      }
      DecodedGraph decoded =
          DecodedGraph.of(leaf.reader(), () -> graphs.getGraph(IndexFields.VECTOR));
      Bits accept = values.getAcceptOrds(leaf.reader().getLiveDocs());
      return decoded == null
          ? lucenesWalk(scorer, accept, beam)
          : ourWalk(decoded, scorer, accept, beam);
    }

    /** {@link GraphWalk} over the decoded lists, as float32's walk (decision 0166). */
    private ScoreDoc[] ourWalk(
        DecodedGraph decoded, InPlaceCodeScorer scorer, Bits accept, int beam) throws IOException {
      GraphWalk walk = WALKS.poll();
      if (walk == null) {
        walk = new GraphWalk();
      }
      try {
        walk.search(decoded, scorer, accept, beam);
        NodeHeap results = walk.results();
        ScoreDoc[] found = new ScoreDoc[results.size()];
        for (int i = 0; i < found.length; i++) {
          found[i] =
              new ScoreDoc(leaf.docBase + values.ordToDoc(results.nodeAt(i)), results.scoreAt(i));
        }
        return found;
      } finally {
        WALKS.offer(walk);
      }
    }

    /** Lucene's searcher, where the reader offers no core key to cache decoded lists under. */
    private ScoreDoc[] lucenesWalk(InPlaceCodeScorer scorer, Bits accept, int beam)
        throws IOException {
      TopKnnCollector collector = new TopKnnCollector(beam, Integer.MAX_VALUE);
      HnswGraph graph = graphs.getGraph(IndexFields.VECTOR);
      if (graph.size() == 0) {
        // Too small a segment for a graph (Lucene writes none): every code is scored.
        for (int ord = 0; ord < values.size(); ord++) {
          if (accept == null || accept.get(ord)) {
            collector.collect(ord, scorer.score(ord));
          }
        }
      } else {
        HnswGraphSearcher.search(scorer, collector, graph, accept);
      }
      ScoreDoc[] found = collector.topDocs().scoreDocs;
      for (ScoreDoc hit : found) {
        hit.doc = leaf.docBase + values.ordToDoc(hit.doc);
      }
      return found;
    }
  }
}
