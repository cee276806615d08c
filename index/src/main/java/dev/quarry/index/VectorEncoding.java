package dev.quarry.index;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/**
 * How vectors are held in the HNSW index. Quantized encodings keep full-precision vectors beside
 * the quantized ones and rescore an oversampled candidate list with them. Persisted by {@link
 * #id()}.
 */
public enum VectorEncoding {
  /** 4 bytes per dimension; exact scores. */
  FLOAT32("float32", 1),
  /**
   * 1 byte per dimension (scalar quantization), rescored. No floor above k (2× before decision
   * 0168): from a beam of about 24 its codes rank as float32 does, and below that a floor only made
   * it walk twice float32's beam where float32 already reached the target recall.
   */
  INT8("int8", 1),
  /** Half a byte per dimension, rescored. */
  INT4("int4", 3),
  /**
   * 1 bit per dimension, of rotated vectors (decision 0180), rescored. Its floor of 3× (10× before
   * decision 0121) matters only below efSearch 30: the whole beam is rescored (decision 0072), so
   * efSearch sets its effort. A binary collection written before its vectors were rotated takes
   * twice this default (decision 0171; the collection decides, {@code Collection.search}).
   */
  BINARY("binary", 3);

  private final String id;
  private final int defaultOversample;
  private final int defaultEfSearch;

  VectorEncoding(String id, int defaultOversample) {
    this.id = id;
    this.defaultOversample = defaultOversample;
    this.defaultEfSearch = 100;
  }

  public String id() {
    return id;
  }

  /** Candidates fetched per wanted hit before rescoring, by default (measured: docs/format.md). */
  public int defaultOversample() {
    return defaultOversample;
  }

  /**
   * The HNSW beam a search keeps when the caller sets none: the effort that reaches recall@10 ≥
   * 0.95 on both benchmark sets (docs/benchmarks.md).
   */
  public int defaultEfSearch() {
    return defaultEfSearch;
  }

  public boolean quantized() {
    return this != FLOAT32;
  }

  public static VectorEncoding parse(String value) {
    for (VectorEncoding e : values()) {
      if (e.id.equals(value.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw QuarryException.invalid(
        "unknown vector encoding '" + value + "': use float32, int8, int4 or binary");
  }
}
