package dev.quarry.index.spi;

/**
 * Names of the Lucene fields Quarry writes besides the metadata fields (docs/format.md). They start
 * with '_'; metadata field names must start with a letter, so the two never collide.
 */
public final class IndexFields {
  /** The external id (stored, indexed as a term). */
  public static final String ID = "_id";

  /** The parent document's id, on chunks. */
  public static final String PARENT = "_parent";

  /** The kNN vector. */
  public static final String VECTOR = "_vec";

  /** The title, analyzed with the collection's analyzer. */
  public static final String TITLE = "_title";

  /** The text, analyzed with the collection's analyzer. */
  public static final String TEXT = "_text";

  /** Names of the metadata fields a document has, for exists(field). */
  public static final String EXISTS = "_exists";

  private IndexFields() {}
}
