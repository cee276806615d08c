package dev.quarry.index;

/**
 * Size and health of a collection.
 *
 * @param documents live documents
 * @param deletedRatio deleted but not yet merged away, over all documents in the index
 * @param segments Lucene segments
 * @param rawVectorBytes full-precision vectors in the index
 * @param quantizedVectorBytes quantized vectors (0 for float32)
 * @param graphBytes the HNSW graph
 * @param otherIndexBytes everything else in the index (ids, text postings, metadata)
 * @param storeBytes the RocksDB store (documents, full-precision vectors, log)
 * @param pendingWrites ids the store changed that the index does not show yet: written by a process
 *     that stopped before its next commit, replayed by the next writer (always 0 for a writable
 *     collection, whose index shows every write)
 */
public record CollectionStats(
    long documents,
    double deletedRatio,
    int segments,
    long rawVectorBytes,
    long quantizedVectorBytes,
    long graphBytes,
    long otherIndexBytes,
    long storeBytes,
    long pendingWrites) {

  /** Bytes that search keeps hot: the vectors it traverses (quantized if any) and the graph. */
  public long searchMemoryBytes() {
    return (quantizedVectorBytes > 0 ? quantizedVectorBytes : rawVectorBytes) + graphBytes;
  }

  public long indexBytes() {
    return rawVectorBytes + quantizedVectorBytes + graphBytes + otherIndexBytes;
  }
}
