package dev.quarry.index.internal;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The live documents of one searcher that pass a filter, evaluated once per search: the count
 * chooses the plan, and the same bits then drive the exact scan or are handed to the graph walk
 * (through {@link BitSetQuery}) without evaluating the filter again. Valid only with the searcher
 * that built it.
 */
final class FilterBits {
  private final FixedBitSet[] leaves;
  private final int count;

  private FilterBits(FixedBitSet[] leaves, int count) {
    this.leaves = leaves;
    this.count = count;
  }

  static FilterBits of(IndexSearcher searcher, Query filter) throws IOException {
    List<LeafReaderContext> contexts = searcher.getIndexReader().leaves();
    FixedBitSet[] bits = new FixedBitSet[contexts.size()];
    Weight weight =
        searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    int count = 0;
    for (LeafReaderContext leaf : contexts) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      FixedBitSet set = new FixedBitSet(leaf.reader().maxDoc());
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          set.set(doc);
        }
      }
      int n = set.cardinality();
      if (n > 0) {
        bits[leaf.ord] = set;
        count += n;
      }
    }
    return new FilterBits(bits, count);
  }

  /** Live documents that pass, over every leaf. */
  int count() {
    return count;
  }

  /** The passing documents of {@code leaf}, or null when none pass there. */
  FixedBitSet leaf(LeafReaderContext leaf) {
    return leaves[leaf.ord];
  }

  /** A query matching exactly these documents, for a graph walk on the same searcher. */
  Query asQuery() {
    return new BitSetQuery(this);
  }
}
