package dev.quarry.index.spi;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

/**
 * The external ids of Lucene documents, read from the id's doc values (decision 0181): a few bytes
 * at an offset, where the stored field costs the decompression of a 16 KB block for every hit,
 * about a fifth of a fast vector search. A segment written before the doc values existed (or a
 * document in a merged segment that lacks them) falls back to the stored field, which every
 * document keeps.
 */
public final class DocIds {
  private DocIds() {}

  /** The ids of {@code docs} (top-level doc ids, any order), in the same order. */
  public static String[] of(IndexSearcher searcher, int[] docs) throws IOException {
    // Doc values iterate forward only: visit the documents in doc id order, each packed with its
    // position (doc ids are non-negative ints) so that one primitive sort orders them.
    long[] order = new long[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = ((long) docs[i] << 32) | i;
    }
    Arrays.sort(order);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    String[] ids = new String[docs.length];
    int current = -1;
    BinaryDocValues values = null;
    for (long packed : order) {
      int i = (int) packed;
      int leaf = ReaderUtil.subIndex(docs[i], leaves);
      LeafReaderContext context = leaves.get(leaf);
      if (leaf != current) {
        current = leaf;
        values = context.reader().getBinaryDocValues(IndexFields.ID);
      }
      int doc = docs[i] - context.docBase;
      ids[i] =
          values != null && values.advanceExact(doc)
              ? values.binaryValue().utf8ToString()
              : stored(context, doc);
    }
    return ids;
  }

  /** The id of one document (top-level doc id). */
  public static String of(IndexSearcher searcher, int doc) throws IOException {
    return of(searcher, new int[] {doc})[0];
  }

  private static String stored(LeafReaderContext context, int doc) throws IOException {
    return context
        .reader()
        .storedFields()
        .document(doc, Set.of(IndexFields.ID))
        .get(IndexFields.ID);
  }
}
