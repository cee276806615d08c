package dev.quarry.index.internal;

import dev.quarry.index.spi.IndexFields;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocAndFloatFeatureBuffer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The exact top k: every live document (of a filter's bits, when given) scored with its
 * full-precision vector. The path of small filtered sets and of ground truth, so it runs at memory
 * speed: vectors are scored in blocks where they lie (Lucene's bulk full-precision scorer over the
 * mapped file, no copies; quantized encodings keep float32 vectors beside their codes, and {@link
 * FloatVectorValues#rescorer} reads those, never the codes).
 */
final class ExactScan {
  private final float[] query;
  private final int k;
  private final PriorityQueue<ScoreDoc> best =
      new PriorityQueue<>(Comparator.comparingDouble(s -> s.score));

  ExactScan(float[] query, int k) {
    this.query = query;
    this.k = k;
  }

  /** The best {@code k} over every leaf, best first; {@code bits} may be null (no filter). */
  ScoreDoc[] top(IndexSearcher searcher, FilterBits bits) throws IOException {
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FixedBitSet allowed = bits == null ? null : bits.leaf(leaf);
      FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
      if (values == null || (bits != null && allowed == null)) {
        continue;
      }
      // Filter bits hold live documents only; without them, deleted documents are skipped here.
      DocIdSetIterator matching =
          allowed == null
              ? DocIdSetIterator.all(leaf.reader().maxDoc())
              : new BitSetIterator(allowed, allowed.approximateCardinality());
      Bits live = allowed == null ? leaf.reader().getLiveDocs() : null;
      scan(leaf, values.rescorer(query), matching, live);
    }
    return top();
  }

  /**
   * The candidates of a quantized walk rescored with full precision, best first: per leaf, in doc
   * order, in blocks where the vectors lie (the scan's path, over the candidates only).
   */
  ScoreDoc[] rescore(IndexSearcher searcher, ScoreDoc[] candidates) throws IOException {
    int[] docs = new int[candidates.length];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = candidates[i].doc;
    }
    Arrays.sort(docs);
    int from = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      int to = from;
      int end = leaf.docBase + leaf.reader().maxDoc();
      while (to < docs.length && docs[to] < end) {
        to++;
      }
      FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
      if (to > from && values != null) {
        scan(leaf, values.rescorer(query), new SortedDocs(docs, from, to, leaf.docBase), null);
      }
      from = to;
    }
    return top();
  }

  private ScoreDoc[] top() {
    ScoreDoc[] docs = best.toArray(new ScoreDoc[0]);
    Arrays.sort(docs, (a, b) -> Float.compare(b.score, a.score));
    return docs;
  }

  /** Scores {@code matching} documents of one leaf (all of them are live or {@code live} says). */
  void scan(LeafReaderContext leaf, VectorScorer scorer, DocIdSetIterator matching, Bits live)
      throws IOException {
    if (scorer == null) {
      return;
    }
    VectorScorer.Bulk bulk = scorer.bulk(matching);
    DocAndFloatFeatureBuffer buffer = new DocAndFloatFeatureBuffer();
    for (; ; ) {
      // The first argument is the doc to stop before; the buffer takes a batch at a time.
      bulk.nextDocsAndScores(DocIdSetIterator.NO_MORE_DOCS, live, buffer);
      if (buffer.size == 0) {
        return;
      }
      for (int i = 0; i < buffer.size; i++) {
        offer(leaf.docBase + buffer.docs[i], buffer.features[i]);
      }
    }
  }

  private void offer(int doc, float score) {
    if (best.size() < k) {
      best.add(new ScoreDoc(doc, score));
    } else if (score > best.peek().score) {
      best.poll();
      best.add(new ScoreDoc(doc, score));
    }
  }

  /** Sorted global doc ids {@code [from, to)} of one leaf, as that leaf's doc iterator. */
  private static final class SortedDocs extends DocIdSetIterator {
    private final int[] docs;
    private final int to;
    private final int docBase;
    private int next;
    private int doc = -1;

    SortedDocs(int[] docs, int from, int to, int docBase) {
      this.docs = docs;
      this.next = from;
      this.to = to;
      this.docBase = docBase;
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public int nextDoc() {
      doc = next < to ? docs[next++] - docBase : NO_MORE_DOCS;
      return doc;
    }

    @Override
    public int advance(int target) {
      while (nextDoc() < target) {
        // the candidates are few: a linear walk is the cheapest advance
      }
      return doc;
    }

    @Override
    public long cost() {
      return to - next;
    }
  }
}
