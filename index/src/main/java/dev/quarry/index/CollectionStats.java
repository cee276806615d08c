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
 */
public record CollectionStats(
    long documents,
    double deletedRatio,
    int segments,
    long rawVectorBytes,
    long quantizedVectorBytes,
    long graphBytes,
    long otherIndexBytes,
    long storeBytes) {

  /** Bytes that search keeps hot: the vectors it traverses (quantized if any) and the graph. */
  public long searchMemoryBytes() {
    return (quantizedVectorBytes > 0 ? quantizedVectorBytes : rawVectorBytes) + graphBytes;
  }

  public long indexBytes() {
    return rawVectorBytes + quantizedVectorBytes + graphBytes + otherIndexBytes;
  }
}
