package dev.quarry.index.internal;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Matches the documents of precomputed {@link FilterBits}. Lucene's kNN query takes a filter as a
 * query and reuses a leaf's bit set as is when the iterator is a {@link BitSetIterator}, so the
 * filter is not evaluated a second time. Equal only to itself: it is built per search.
 */
final class BitSetQuery extends Query {
  private final FilterBits bits;

  BitSetQuery(FilterBits bits) {
    this.bits = bits;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        FixedBitSet set = bits.leaf(context);
        if (set == null) {
          return null;
        }
        var scorer =
            new ConstantScoreScorer(
                score(), scoreMode, new BitSetIterator(set, set.approximateCardinality()));
        return new DefaultScorerSupplier(scorer);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "BitSetQuery(" + bits.count() + " docs)";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
