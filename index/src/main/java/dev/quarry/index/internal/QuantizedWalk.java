package dev.quarry.index.internal;

import dev.quarry.index.spi.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedVectorsReader;

/**
 * The unfiltered HNSW walk of a quantized collection, run on Lucene's graph with {@link
 * InPlaceCodeScorer} instead of the format's own scorer (decision 0120). Per segment, the best
 * {@code beam} candidates by quantized score, merged over segments; the caller rescores them.
 *
 * <p>Used only where every segment offers what it needs (Lucene's HNSW reader, scalar-quantized
 * codes of a supported encoding); {@link #candidates} answers null otherwise, and the search goes
 * through Lucene's query as before.
 */
final class QuantizedWalk {
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
      found.addAll(List.of(segment.walk(query, beam)));
    }
    found.sort((a, b) -> Float.compare(b.score, a.score));
    return found.subList(0, Math.min(beam, found.size())).toArray(ScoreDoc[]::new);
  }

  /** One segment's graph and codes; a segment without vectors walks nothing. */
  record Segment(
      LeafReaderContext leaf,
      HnswGraph graph,
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
      IndexInput slice = values.getSlice();
      // Over a memory-mapped file the slice is itself a positional reader of the mapping.
      RandomAccessInput codes =
          slice instanceof RandomAccessInput positional
              ? positional
              : slice.randomAccessSlice(0, slice.length());
      return new Segment(leaf, graphs.getGraph(IndexFields.VECTOR), values, codes, field);
    }

    /** Null for a segment without vectors. */
    InPlaceCodeScorer scorer(float[] query) throws IOException {
      return values == null || values.size() == 0
          ? null
          : InPlaceCodeScorer.of(values, codes, field.getVectorSimilarityFunction(), query);
    }

    ScoreDoc[] walk(float[] query, int beam) throws IOException {
      InPlaceCodeScorer scorer = scorer(query);
      if (scorer == null) {
        return new ScoreDoc[0];
      }
      Bits live = leaf.reader().getLiveDocs();
      TopKnnCollector collector = new TopKnnCollector(beam, Integer.MAX_VALUE);
      if (graph.size() == 0) {
        // Too small a segment for a graph (Lucene writes none): every code is scored.
        for (int ord = 0; ord < values.size(); ord++) {
          if (live == null || live.get(values.ordToDoc(ord))) {
            collector.collect(ord, scorer.score(ord));
          }
        }
      } else {
        HnswGraphSearcher.search(scorer, collector, graph, values.getAcceptOrds(live));
      }
      ScoreDoc[] found = collector.topDocs().scoreDocs;
      for (ScoreDoc hit : found) {
        hit.doc = leaf.docBase + values.ordToDoc(hit.doc);
      }
      return found;
    }
  }
}
