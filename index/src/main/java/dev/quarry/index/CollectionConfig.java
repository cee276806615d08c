package dev.quarry.index;

import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;

/**
 * What a collection is created with; recorded in its manifest and checked on every open.
 *
 * @param model the embedding model, or null for a collection fed with vectors only
 * @param dimensions vector dimensions
 * @param similarity how vectors compare
 * @param encoding how the HNSW index holds vectors
 * @param hnsw graph parameters
 */
public record CollectionConfig(
    ModelIdentity model,
    int dimensions,
    Similarity similarity,
    VectorEncoding encoding,
    HnswParams hnsw) {

  public CollectionConfig {
    if (dimensions <= 0 || dimensions > 4096) {
      throw QuarryException.invalid("dimensions must be in 1..4096, got " + dimensions);
    }
    if (model != null && model.dimensions() != dimensions) {
      throw QuarryException.invalid(
          "model "
              + model.name()
              + " makes "
              + model.dimensions()
              + "-d vectors, but the"
              + " collection is configured for "
              + dimensions);
    }
    if (similarity == null || encoding == null || hnsw == null) {
      throw QuarryException.invalid("similarity, encoding and hnsw must be set");
    }
    if (encoding == VectorEncoding.INT4 && dimensions % 2 != 0) {
      throw QuarryException.invalid("int4 encoding needs an even number of dimensions");
    }
  }

  /** Defaults for a model: cosine, float32, HNSW M=16, beam 100. */
  public static CollectionConfig forModel(ModelIdentity model) {
    return new CollectionConfig(
        model, model.dimensions(), Similarity.COSINE, VectorEncoding.FLOAT32, HnswParams.DEFAULTS);
  }

  /** Defaults for vectors without a model. */
  public static CollectionConfig forVectors(int dimensions, Similarity similarity) {
    return new CollectionConfig(
        null, dimensions, similarity, VectorEncoding.FLOAT32, HnswParams.DEFAULTS);
  }

  public CollectionConfig withEncoding(VectorEncoding value) {
    return new CollectionConfig(model, dimensions, similarity, value, hnsw);
  }

  public CollectionConfig withHnsw(HnswParams value) {
    return new CollectionConfig(model, dimensions, similarity, encoding, value);
  }
}
