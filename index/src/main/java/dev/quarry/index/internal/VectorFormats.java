package dev.quarry.index.internal;

import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.spi.IndexFields;
import java.io.IOException;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The only class that names Lucene's codec and vector format classes: they move between Lucene
 * releases (older ones go to lucene-backward-codecs, read-only), so a Lucene upgrade changes this
 * file alone.
 */
public final class VectorFormats {
  private VectorFormats() {}

  /** The codec writing new segments; other fields keep Lucene's defaults. */
  public static Codec codec(CollectionConfig config) {
    KnnVectorsFormat format = format(config);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }

  static KnnVectorsFormat format(CollectionConfig config) {
    int m = config.hnsw().maxConn();
    int beam = config.hnsw().beamWidth();
    return switch (config.encoding()) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(m, beam);
      case INT8 ->
          new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, m, beam);
      case INT4 ->
          new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, m, beam);
      case BINARY ->
          new Lucene104HnswScalarQuantizedVectorsFormat(
              ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m, beam);
    };
  }

  /** The segment's reader of the vector field; null where the reader is not a codec's. */
  static KnnVectorsReader vectorReader(LeafReader leaf) {
    if (!(leaf instanceof CodecReader codec)) {
      return null;
    }
    KnnVectorsReader reader = codec.getVectorReader();
    return reader instanceof PerFieldKnnVectorsFormat.FieldsReader perField
        ? perField.getFieldReader(IndexFields.VECTOR)
        : reader;
  }

  /**
   * The scorer Lucene's own float32 HNSW search uses for {@code query} (it reads each vector where
   * it lies in the mapped {@code .vec} file); null for a reader of any other format.
   */
  static RandomVectorScorer floatScorer(KnnVectorsReader reader, String field, float[] query)
      throws IOException {
    return reader instanceof Lucene99HnswVectorsReader hnsw
        ? hnsw.getFlatVectorsReader().getRandomVectorScorer(field, query)
        : null;
  }

  /** Cosine vectors are normalized on write, so both cosine and dot product use DOT_PRODUCT. */
  public static VectorSimilarityFunction similarity(Similarity similarity) {
    return switch (similarity) {
      case COSINE, DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
    };
  }

  /** File extensions holding vectors (raw and quantized) and the HNSW graph, for stats. */
  static Part partOf(String fileName, VectorEncoding encoding) {
    String ext = fileName.substring(fileName.lastIndexOf('.') + 1);
    return switch (ext) {
      case "vec", "vemf" -> Part.RAW_VECTORS;
      case "veq", "vemq", "veb", "vemb" -> Part.QUANTIZED_VECTORS;
      case "vex", "vem" -> Part.GRAPH;
      default -> Part.OTHER;
    };
  }

  /** Parts of a Lucene index, by what they hold. */
  enum Part {
    RAW_VECTORS,
    QUANTIZED_VECTORS,
    GRAPH,
    OTHER
  }
}
