package dev.quarry.index.spi;

import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.KnnResult;
import dev.quarry.index.Similarity;
import dev.quarry.index.internal.VectorFormats;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The Lucene-typed operations on a collection, obtained with {@link
 * dev.quarry.index.Collection#lucene()}. For Quarry's own query and engine modules (and its
 * benchmarks) only: it hands out Lucene types and carries no compatibility promise (see the
 * package's documentation). A {@code null} filter matches every document.
 */
public interface LuceneAccess {

  /** Deletes every document matching a Lucene filter query. Returns how many were deleted. */
  int deleteWhere(Query filter);

  /** Ids of every live document matching {@code filter}. */
  List<String> idsMatching(Query filter);

  /** Approximate nearest neighbours of {@code vector}, optionally pre-filtered. */
  default List<Hit> search(float[] vector, int k, Query filter, KnnOptions options) {
    return knn(vector, k, filter, options).hits();
  }

  /**
   * Approximate nearest neighbours of {@code vector}, optionally pre-filtered, with the plan that
   * was used: a filter that few documents pass is served by an exact scan of them.
   */
  KnnResult knn(float[] vector, int k, Query filter, KnnOptions options);

  /** Exact nearest neighbours by scanning every vector (ground truth; small filtered sets). */
  List<Hit> exactSearch(float[] vector, int k, Query filter);

  /** Runs read-only work on a current searcher (sees every write that returned). */
  <T> T withSearcher(SearcherWork<T> work);

  /** The analyzer of title and text (for keyword queries). Owned by the collection. */
  Analyzer analyzer();

  /** A searcher-scoped lookup of a hit's external id ({@link DocIds} for several). */
  static String idOf(IndexSearcher searcher, int docId) throws IOException {
    return DocIds.of(searcher, docId);
  }

  /** Lucene's similarity function for a collection's {@link Similarity}. */
  static VectorSimilarityFunction similarityFunction(Similarity similarity) {
    return VectorFormats.similarity(similarity);
  }

  /** Work on a searcher. */
  @FunctionalInterface
  interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }
}
